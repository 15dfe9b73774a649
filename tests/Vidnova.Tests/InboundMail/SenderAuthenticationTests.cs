using System.Text;
using MimeKit;
using Vidnova.InboundMail;

namespace Vidnova.Tests.InboundMail;

/// <summary>Reading the receiving server's Authentication-Results (RFC 8601) for the From domain.</summary>
public sealed class SenderAuthenticationTests
{
    private const string Trusted = "mx.vidnova.test";
    private const string From = "taras@example.com";

    [Theory]
    [InlineData("mx.vidnova.test; dmarc=pass header.from=example.com")]
    [InlineData("mx.vidnova.test 1; dmarc=pass (p=reject dis=none) header.from=example.com")]
    [InlineData("MX.Vidnova.Test (our edge);\r\n spf=fail smtp.mailfrom=example.com;\r\n dmarc = pass header.from = example.com")]
    [InlineData("mx.vidnova.test; dmarc=pass")]
    [InlineData("mx.vidnova.test; spf=pass (sender SPF authorized) smtp.mailfrom=bounce@example.com")]
    [InlineData("mx.vidnova.test; spf=pass smtp.mailfrom=bounces.mail.example.com")]
    [InlineData("mx.vidnova.test; dkim=pass (2048-bit key) header.d=example.com header.s=s1; dmarc=none")]
    [InlineData("mx.vidnova.test; dkim=pass header.i=@news.example.com")]
    public void Judge_WhenTheTrustedServerPassedTheFromDomain_Authenticates(string header) =>
        Assert.True(Judge([header]).Authenticated, Judge([header]).Explanation);

    [Theory]
    [InlineData("mx.vidnova.test; dmarc=fail (p=none) header.from=example.com", "dmarc=fail")]
    [InlineData("mx.vidnova.test; dmarc=pass header.from=attacker.example", "dmarc=pass")]
    [InlineData("mx.vidnova.test; spf=pass smtp.mailfrom=attacker.example", "spf=pass")]
    [InlineData("mx.vidnova.test; spf=pass smtp.mailfrom=notexample.com", "spf=pass")]
    [InlineData("mx.vidnova.test; spf=pass smtp.helo=example.com", "spf=pass")]
    [InlineData("mx.vidnova.test; dkim=pass header.d=com", "dkim=pass")]
    [InlineData("mx.vidnova.test; dkim=pass header.d=attacker.example; spf=softfail smtp.mailfrom=example.com", "spf=softfail")]
    [InlineData("mx.vidnova.test; none", "немає перевірки")]
    [InlineData("evil.example; dmarc=pass header.from=example.com", "немає перевірки")]
    [InlineData("mx.vidnova.test.evil.example; dmarc=pass header.from=example.com", "немає перевірки")]
    [InlineData("(mx.vidnova.test) evil.example; dmarc=pass header.from=example.com", "немає перевірки")]
    [InlineData("not a header at all", "немає перевірки")]
    public void Judge_WithoutATrustedPassForTheFromDomain_DoesNotAuthenticate_AndSaysWhy(string header, string said)
    {
        var verdict = Judge([header]);
        Assert.False(verdict.Authenticated);
        Assert.Contains(said, verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WithSeveralHeaders_CountsOnlyTheTrustedServers()
    {
        // A foreign server's pass (added anywhere in the message) is ignored; the trusted server's own failure stands.
        string[] headers =
        [
            "mx.vidnova.test; dmarc=fail header.from=example.com",
            "relay.attacker.example; dmarc=pass header.from=example.com",
        ];
        Assert.False(Judge(headers).Authenticated);

        // Of several trusted servers' headers only the topmost (the last hop's, prepended last) counts.
        string[] twoTrusted = ["mx2.vidnova.test; dmarc=pass header.from=example.com", "mx.vidnova.test; spf=none"];
        Assert.True(SenderAuthentication.Judge(twoTrusted.Select(Encoding.ASCII.GetBytes), [Trusted, "mx2.vidnova.test"], From).Authenticated);
    }

    [Fact]
    public void Judge_WhenOurServersFailIsOnTop_IgnoresAForgedPassBelowNamingOurServer()
    {
        // Our MTA prepends its verdict (RFC 8601 §5); a header further down that names our server came from outside.
        string[] headers =
        [
            "mx.vidnova.test; dmarc=fail header.from=example.com",
            "mx.vidnova.test; dmarc=pass header.from=example.com",
        ];
        var verdict = Judge(headers);

        Assert.False(verdict.Authenticated);
        Assert.Contains("dmarc=fail", verdict.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("dmarc=pass", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WithNoTrustedServerConfigured_NeverAuthenticates()
    {
        var verdict = SenderAuthentication.Judge([Encoding.ASCII.GetBytes("mx.vidnova.test; dmarc=pass header.from=example.com")], [], From);
        Assert.False(verdict.Authenticated);
        Assert.Contains("Mail:Inbound:TrustedAuthServIds", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ReadsTheMessagesHeaders_AndRefusesSeveralSenders()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(From));
        message.Headers.Add("Authentication-Results", "mx.vidnova.test; dmarc=pass header.from=example.com");
        Assert.True(SenderAuthentication.Judge(message, [Trusted]).Authenticated);

        message.From.Add(MailboxAddress.Parse("attacker@attacker.example"));
        Assert.False(SenderAuthentication.Judge(message, [Trusted]).Authenticated);
    }

    private static SenderVerdict Judge(string[] headers) =>
        SenderAuthentication.Judge(headers.Select(h => Encoding.ASCII.GetBytes(" " + h + "\r\n")), [Trusted], From);
}
