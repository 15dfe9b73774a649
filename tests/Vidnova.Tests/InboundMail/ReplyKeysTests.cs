using MimeKit;
using Vidnova.InboundMail;
using Vidnova.Notifications;

namespace Vidnova.Tests.InboundMail;

public sealed class ReplyKeysTests
{
    private static readonly ReplyAddress Mailbox = ReplyAddress.Parse("Vidnova <receipts@vidnova.test>")!;

    [Fact]
    public void ReplyAddress_TagsThePlainMailboxPerApplication_AndReadsTheTagBack()
    {
        var address = Mailbox.For("k3x9abc");

        Assert.Equal("receipts+k3x9abc@vidnova.test", MailboxAddress.Parse(address).Address);
        Assert.Equal("Vidnova", MailboxAddress.Parse(address).Name);
        Assert.Equal("k3x9abc", Mailbox.TokenOf("RECEIPTS+K3X9ABC@VIDNOVA.TEST"));
        Assert.Null(Mailbox.TokenOf("receipts@vidnova.test"));
        Assert.Null(Mailbox.TokenOf("receipts+k3x9abc@elsewhere.test"));
        Assert.Null(Mailbox.TokenOf("other+k3x9abc@vidnova.test"));
    }

    [Fact]
    public void ReplyAddress_IsOptional_ButMustBeAPlainMailbox()
    {
        Assert.Null(ReplyAddress.Parse(null));
        Assert.Null(ReplyAddress.Parse(" "));
        Assert.Throws<InvalidOperationException>(() => ReplyAddress.Parse("receipts+x@vidnova.test"));
        Assert.Throws<InvalidOperationException>(() => ReplyAddress.Parse("not an address"));
    }

    [Fact]
    public void Read_FindsTheTag_InToOrInTheServersDeliveryHeaders()
    {
        var direct = Message(to: "receipts+abcdef234567@vidnova.test");
        var rewritten = Message(to: "receipts@vidnova.test");
        rewritten.Headers.Add("Delivered-To", "receipts+zzzzzz234567@vidnova.test");

        Assert.Equal(["abcdef234567"], ReplyKeys.Read(direct, Mailbox).ReplyTokens);
        Assert.Equal(["zzzzzz234567"], ReplyKeys.Read(rewritten, Mailbox).ReplyTokens);
        Assert.Empty(ReplyKeys.Read(direct, replyAddress: null).ReplyTokens);
    }

    [Fact]
    public void Read_FindsOurOwnMessageIds_InInReplyToAndReferences_Only()
    {
        var invoice = Guid.NewGuid();
        var confirmation = Guid.NewGuid();
        var message = Message(to: "receipts@vidnova.test");
        message.InReplyTo = NotificationMessageId.Of(invoice);
        message.References.Add(NotificationMessageId.Of(confirmation));
        message.References.Add("CAF=abc123@mail.gmail.com");

        Assert.Equal([invoice, confirmation], ReplyKeys.Read(message, Mailbox).RepliedToOutboxIds);
    }

    [Theory]
    [InlineData("Re: Рахунок за відновлення електропостачання, заява VN-2026-000042", "VN-2026-000042")]
    [InlineData("квитанція вн 2026 000042", "VN-2026-000042")]
    [InlineData("FW: vn–2026–000042 оплачено", "VN-2026-000042")]
    [InlineData("оплата VN2026000042", "VN-2026-000042")]
    public void Numbers_AreReadAsPeopleTypeThem(string subject, string expected) =>
        Assert.Equal([expected], ReplyKeys.Numbers(subject));

    [Theory]
    [InlineData("VN-2026-0000421")]
    [InlineData("NVN-2026-000042")]
    [InlineData("рахунок 2026-000042")]
    public void Numbers_IgnoreWhatOnlyLooksLikeANumber(string subject) => Assert.Empty(ReplyKeys.Numbers(subject));

    [Fact]
    public void Read_TellsSubjectNumbersFromQuotedOnes_AndKeepsTheSender()
    {
        var message = Message(to: "receipts@vidnova.test", subject: "Оплата", text: "Оплатив.\n> Заява VN-2026-000007. Цей лист надіслано автоматично");

        var keys = ReplyKeys.Read(message, Mailbox);

        Assert.Empty(keys.NumbersInSubject);
        Assert.Equal(["VN-2026-000007"], keys.NumbersInText);
        Assert.Equal("taras@example.com", keys.Sender);
    }

    private static MimeMessage Message(string to, string subject = "Re: рахунок", string text = "Оплатив")
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress("Тарас", "Taras@Example.com"));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }
}
