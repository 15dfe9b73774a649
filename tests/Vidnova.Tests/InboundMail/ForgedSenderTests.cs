using System.Net;
using System.Net.Http.Headers;
using MimeKit;
using Vidnova.InboundMail;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.InboundMail;

/// <summary>
/// An email that only quotes an application number, with a From anyone could type: filed only on the trusted mail
/// server's word, and never in the way of the customer's own upload.
/// </summary>
public abstract class ForgedSenderTests(VidnovaApp app)
{
    private static int _nextAccount;
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task ANumberInTheSubject_FromAForgedFrom_IsNotFiled_UntilTheTrustedServerPassesTheSender()
    {
        var application = await AwaitingPaymentAsync();
        // The stranger types the customer's address as From: nothing but the receiving server can tell.
        var forged = Replies.Fresh($"Re: заява {application.Number}", "Оплатив", Replies.Customer, Replies.Pdf(Replies.BankReceipt(application.Number)));
        forged.Headers.Add("Authentication-Results", "relay.attacker.example; dmarc=pass header.from=example.com");

        var waiting = await PushAsync(forged);

        Assert.Equal("unmatched", waiting.Outcome);
        Assert.True(waiting.NeedsAttention);
        Assert.Contains(application.Number, waiting.Reason, StringComparison.Ordinal);
        Assert.Contains("не підтвердив, що його справді надіслав taras@example.com", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);

        var failedDmarc = Replies.Fresh($"Re: заява {application.Number}", "Оплатив", Replies.Customer, Replies.Pdf(Replies.BankReceipt(application.Number)));
        failedDmarc.Headers.Add("Authentication-Results", $"{VidnovaApp.TrustedAuthServId}; spf=fail smtp.mailfrom=attacker.example; dmarc=fail header.from=example.com");
        var stillWaiting = await PushAsync(failedDmarc);
        Assert.Equal("unmatched", stillWaiting.Outcome);
        Assert.Contains("dmarc=fail", stillWaiting.Reason, StringComparison.Ordinal);

        var genuine = Replies.Fresh($"Re: заява {application.Number}", "Оплатив", Replies.Customer, Replies.Pdf(Replies.BankReceipt(application.Number)));
        genuine.Headers.Add("Authentication-Results", $"{VidnovaApp.TrustedAuthServId}; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=reject) header.from=example.com");
        var filed = await PushAsync(genuine);

        Assert.Equal("receipt_filed", filed.Outcome);
        Assert.Equal("subject", filed.MatchedBy);
        Assert.Equal(application.Number, filed.ApplicationNumber);
    }

    [Fact]
    public async Task TheCustomersOwnUpload_AfterAReceiptFiledByAQuotedNumber_IsAccepted()
    {
        var application = await AwaitingPaymentAsync();
        var quoted = Replies.Fresh($"Re: заява {application.Number}", "Ось фото", Replies.Customer, Replies.Attachment(Replies.Photo(), "photo.jpg", "image/jpeg"));
        quoted.Headers.Add("Authentication-Results", $"{VidnovaApp.TrustedAuthServId}; dmarc=pass header.from=example.com");
        var filed = await PushAsync(quoted);
        Assert.Equal("receipt_filed", filed.Outcome);
        Assert.Equal("receipt_under_review", (await _scenario.GetAsync(application)).Status);

        var upload = await _scenario.UploadAsync(application, Scenario.PdfReceipt);

        Assert.True(upload.IsSuccessStatusCode, $"{(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync()}");
        var state = await _scenario.GetAsync(application);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.Equal(2, state.Receipts.Count);
        Assert.Equal("rejected", state.Receipts.Single(r => r.Id == filed.ReceiptId).Decision);
        Assert.Equal("pending", state.Receipts.Single(r => r.Id != filed.ReceiptId).Decision);
        Assert.Contains(state.Timeline, t => t.Kind == "receipt_set_aside");
    }

    [Fact]
    public async Task TheCustomersOwnUpload_AfterAReceiptFiledByOurReplyAddress_IsStillRefused()
    {
        var application = await AwaitingPaymentAsync();
        var invoice = await InvoiceAsync(application);
        var reply = Replies.To(invoice, attachments: Replies.Attachment(Replies.Photo(), "photo.jpg", "image/jpeg"));
        Assert.Equal("reply-address", (await PushAsync(reply)).MatchedBy);

        var upload = await _scenario.UploadAsync(application, Scenario.PdfReceipt);

        Assert.Equal("receipt_already_under_review", (await upload.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);
        Assert.Single((await _scenario.GetAsync(application)).Receipts);
    }

    private async Task<ApplyBody> AwaitingPaymentAsync()
    {
        var account = (3_100_000_000L + Interlocked.Increment(ref _nextAccount)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        await InvoiceAsync(application);
        return application;
    }

    private Task<SentMail> InvoiceAsync(ApplyBody application) =>
        app.Mail.WaitForAsync(m => m.Subject == $"Рахунок за відновлення електропостачання, заява {application.Number}", "with the invoice");

    private async Task<InboundEmailResponse> PushAsync(MimeMessage message)
    {
        var body = new ByteArrayContent(Replies.Bytes(message));
        body.Headers.ContentType = new MediaTypeHeaderValue(InboundMailApi.RawMessageMediaType);
        return await (await app.WithApiKey(VidnovaApp.MailGatewayKey).PostAsync("/api/v1/inbound-emails", body))
            .ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);
    }
}

public sealed class ForgedSenderOnSqlite(SqliteApp app) : ForgedSenderTests(app), IClassFixture<SqliteApp>;

public sealed class ForgedSenderOnPostgres(PostgresApp app) : ForgedSenderTests(app), IClassFixture<PostgresApp>;
