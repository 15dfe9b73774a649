using MimeKit;
using Vidnova.InboundMail;

namespace Vidnova.Tests.InboundMail;

public sealed class AutoReplyPolicyTests
{
    [Theory]
    [InlineData(null, null, "taras@example.com", true)]
    [InlineData("no", null, "taras@example.com", true)]
    [InlineData("auto-replied", null, "taras@example.com", false)]
    [InlineData("auto-generated", null, "taras@example.com", false)]
    [InlineData(null, "bulk", "taras@example.com", false)]
    [InlineData(null, "list", "taras@example.com", false)]
    [InlineData(null, null, "MAILER-DAEMON@mx.example.com", false)]
    [InlineData(null, null, "no-reply@bank.example.com", false)]
    public void OnlyPeople_AreAnsweredAutomatically(string? autoSubmitted, string? precedence, string from, bool answered)
    {
        var message = Replies.Fresh("Re: рахунок", "Я у відпустці", from);
        if (autoSubmitted is not null)
        {
            message.Headers.Add(HeaderId.AutoSubmitted, autoSubmitted);
        }

        if (precedence is not null)
        {
            message.Headers.Add(HeaderId.Precedence, precedence);
        }

        Assert.Equal(answered, AutoReplyPolicy.MayAnswer(message));
    }
}
