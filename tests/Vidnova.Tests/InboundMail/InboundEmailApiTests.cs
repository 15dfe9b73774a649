using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Vidnova.InboundMail;
using Vidnova.Notifications;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.InboundMail;

/// <summary>Customers' replies pushed by a mail service to <c>POST /api/v1/inbound-emails</c>: matched, filed, checked, answered.</summary>
public abstract class InboundEmailApiTests
{
    private static int _nextAccount;
    private readonly VidnovaApp _app;
    private readonly Scenario _scenario;

    protected InboundEmailApiTests(VidnovaApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
    }

    [Fact]
    public async Task AReplyWithABankPdf_SendsTheApplicationToTheDso_WithoutAnOperator()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        Assert.Matches(@"^receipts\+[a-z2-7]{12}@vidnova\.test$", invoice.ReplyTo);
        var reply = Replies.To(invoice, attachments: Replies.Pdf(Replies.BankReceipt(application.Number)));

        var filed = await (await PushAsync(reply)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("receipt_filed", filed.Outcome);
        Assert.Equal("reply-address", filed.MatchedBy);
        Assert.Equal(application.Number, filed.ApplicationNumber);
        Assert.False(filed.NeedsAttention);
        var state = await _scenario.GetAsync(application);
        Assert.Equal("sent_to_dso", state.Status);
        var receipt = Assert.Single(state.Receipts);
        Assert.Equal(filed.ReceiptId, receipt.Id);
        Assert.Equal("approved", receipt.Decision);
        Assert.Contains(state.Timeline, t => t.Kind == "receipt_received" && t.Description.Contains("листом", StringComparison.Ordinal));
        Assert.Contains(state.Timeline, t => t.Kind == "receipt_verified");
        await _app.Mail.WaitForAsync(m => m.Subject == $"Заявку {application.Number} передано ОСР", "saying the request went to the DSO");

        // The email is kept verbatim with the application, and the receipt points to it.
        var stored = await _app.InDatabaseAsync(db => db.Set<InboundEmailContent>().SingleAsync(c => c.InboundEmailId == filed.Id));
        Assert.Equal(Replies.Bytes(reply), stored.Raw);
        var sourceEmailId = await _app.InDatabaseAsync(db => db.Set<RestorationApplication>().Where(a => a.Id == application.Id)
            .SelectMany(a => a.Receipts).Select(r => r.SourceEmailId).SingleAsync());
        Assert.Equal(filed.Id, sourceEmailId);
    }

    public static TheoryData<string> ThreadingKeys() => ["reply-address", "in-reply-to", "subject", "body"];

    [Theory]
    [MemberData(nameof(ThreadingKeys))]
    public async Task AReply_IsMatched_WhenTheMailAppKeptOnlyOneOfTheKeys(string kept)
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, text: "Оплатив", attachments: Replies.Pdf(Replies.BankReceipt(application.Number)));
        if (kept != "reply-address")
        {
            reply.To.Clear();
            reply.To.Add(MailboxAddress.Parse("receipts@vidnova.test"));
        }

        if (kept != "in-reply-to")
        {
            reply.InReplyTo = null;
            reply.References.Clear();
        }

        reply.Subject = kept == "subject" ? $"Оплата за заявою {application.Number.ToLowerInvariant()}" : "Оплата";
        var text = kept == "body" ? $"Оплатив рахунок за заявою {application.Number}." : "Оплатив рахунок.";
        ((Multipart)reply.Body!)[0] = new TextPart("plain") { Text = text };
        if (kept is "subject" or "body")
        {
            // A quoted number counts only with our mail server's word that the sender is who the From says.
            reply.Headers.Add("Authentication-Results", $"{VidnovaApp.TrustedAuthServId}; dmarc=pass header.from=example.com");
        }

        var filed = await (await PushAsync(reply)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("receipt_filed", filed.Outcome);
        Assert.Equal(kept, filed.MatchedBy);
        Assert.Equal(application.Number, filed.ApplicationNumber);
    }

    [Fact]
    public async Task ANumberFromAStrangersAddress_IsNotTrusted_AndWaitsForAnOperator()
    {
        var (application, _) = await AwaitingPaymentAsync();
        var message = Replies.Fresh($"Квитанція {application.Number}", "Ось квитанція", "someone.else@example.com",
            Replies.Pdf(Replies.BankReceipt(application.Number)));

        var unmatched = await (await PushAsync(message)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("unmatched", unmatched.Outcome);
        Assert.True(unmatched.NeedsAttention);
        Assert.Null(unmatched.ApplicationNumber);
        Assert.Contains(application.Number, unmatched.Reason, StringComparison.Ordinal);
        Assert.Equal("awaiting_payment", (await _scenario.GetAsync(application)).Status);
        Assert.False(await AutoReplyQueuedAsync(unmatched.Id));
    }

    public static TheoryData<string, decimal, string, string> DoubtfulReceipts() => new()
    {
        { "one kopiyka short", 1234.55m, Scenario.DsoIban, "Сума" },
        { "someone else's IBAN", 1234.56m, Restoration.Receipts.ReceiptCorpus.OtherIban, "IBAN" },
    };

    [Theory]
    [MemberData(nameof(DoubtfulReceipts))]
    public async Task ADoubtfulReceipt_IsFiled_ButWaitsForAnOperator_WithTheFailedCheck(string defect, decimal amount, string iban, string check)
    {
        var (application, invoice) = await AwaitingPaymentAsync();

        var filed = await (await PushAsync(Replies.To(invoice, attachments: Replies.Pdf(Replies.BankReceipt(application.Number, amount, iban)))))
            .ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("receipt_filed", filed.Outcome);
        var state = await _scenario.GetAsAdminAsync(application.Id);
        Assert.Equal("receipt_under_review", state.Status);
        var failed = Assert.Single(state.Timeline, t => t.Kind == "receipt_check_failed");
        Assert.Contains("✗ " + check, failed.Description, StringComparison.Ordinal);
        await _app.Mail.WaitForAsync(m => m.Subject == $"Квитанцію отримано, заява {application.Number}", $"acknowledging the receipt ({defect})");
    }

    [Fact]
    public async Task APurposeWithoutTheNumber_WaitsForAnOperator()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var receipt = Restoration.Receipts.BankReceipts.Render(Restoration.Receipts.BankLayout.Monobank,
            Restoration.Receipts.ReceiptCorpus.Exact with { Purpose = "Оплата послуги з відновлення електропостачання" });

        await (await PushAsync(Replies.To(invoice, attachments: Replies.Pdf(receipt)))).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        var state = await _scenario.GetAsAdminAsync(application.Id);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.Contains("✗ Призначення", Assert.Single(state.Timeline, t => t.Kind == "receipt_check_failed").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyWithoutAnAttachment_IsAnswered_AndShownToAnOperator()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, text: "Я оплатив, що далі?");

        var result = await (await PushAsync(reply)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("no_receipt", result.Outcome);
        Assert.True(result.NeedsAttention);
        var state = await _scenario.GetAsync(application);
        Assert.Equal("awaiting_payment", state.Status);
        Assert.Contains(state.Timeline, t => t.Kind == "email_received" && t.Description.Contains("Я оплатив", StringComparison.Ordinal) is false
            && t.Description.Contains("немає вкладеного файлу", StringComparison.Ordinal));
        var answer = await _app.Mail.WaitForAsync(m => m.Subject == $"Квитанцію не отримано, заява {application.Number}", "answering the reply");
        Assert.Equal(Replies.Customer, answer.To);
        Assert.Equal("auto-replied", answer.AutoSubmitted);
        Assert.Equal(reply.MessageId, answer.InReplyTo);
        Assert.Equal(invoice.ReplyTo, answer.ReplyTo);
        Assert.Contains("немає вкладеного файлу квитанції", answer.TextBody, StringComparison.Ordinal);
        Assert.Contains("PDF з банківського застосунку", answer.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("квитанція.zip", "архів")]
    [InlineData("receipt.exe", "програма")]
    public async Task ArchivesAndPrograms_AreRefused_WithAPoliteAnswer(string fileName, string said)
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var content = fileName.EndsWith(".zip", StringComparison.Ordinal) ? Replies.Zip() : [0x4D, 0x5A, 0x90, 0x00, 0x03];

        var result = await (await PushAsync(Replies.To(invoice, attachments: Replies.Attachment(content, fileName))))
            .ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("no_receipt", result.Outcome);
        Assert.Empty((await _scenario.GetAsync(application)).Receipts);
        var answer = await _app.Mail.WaitForAsync(m => m.Subject == $"Квитанцію не отримано, заява {application.Number}", "refusing the file");
        Assert.Contains($"«{fileName}» — {said}", answer.TextBody, StringComparison.Ordinal);
        Assert.Contains("фото чи скриншот у JPEG, PNG або HEIC", answer.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAutoresponder_IsRecorded_ButNeverAnswered()
    {
        var (_, invoice) = await AwaitingPaymentAsync();
        var vacation = Replies.To(invoice, text: "Я у відпустці до 1 грудня.");
        vacation.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");

        var result = await (await PushAsync(vacation)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("no_receipt", result.Outcome);
        Assert.False(await AutoReplyQueuedAsync(result.Id));
    }

    [Fact]
    public async Task TheSameEmailPushedTwice_IsFiledOnce()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, attachments: Replies.Attachment(Replies.Photo(), "photo.jpg", "image/jpeg"));

        var first = await (await PushAsync(reply)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);
        var second = await (await PushAsync(reply)).ReadAsync<InboundEmailResponse>(HttpStatusCode.OK);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("receipt_filed", second.Outcome);
        Assert.Single((await _scenario.GetAsync(application)).Receipts);
        Assert.Equal(1, await _app.InDatabaseAsync(db => db.Set<InboundEmail>().CountAsync(e => e.ApplicationId == application.Id)));
    }

    [Theory]
    [InlineData("forwarded message")]
    [InlineData(".eml file")]
    [InlineData("inline HEIC photo")]
    public async Task ReceiptsAreFound_WhereverTheMailAppPutThem(string where)
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var fromBank = Replies.Fresh("Квитанція Приват24", "Квитанція", "noreply@privatbank.ua", Replies.Pdf(Replies.BankReceipt(application.Number)));
        MimeEntity attachment = where switch
        {
            "forwarded message" => Replies.Forwarded(fromBank, asEmlFile: false),
            ".eml file" => Replies.Forwarded(fromBank, asEmlFile: true),
            _ => Replies.InlineImage(Replies.Heic(), "image/heic"),
        };

        await (await PushAsync(Replies.To(invoice, attachments: attachment))).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        var state = await _scenario.GetAsync(application);
        var receipt = Assert.Single(state.Receipts);
        if (where == "inline HEIC photo")
        {
            Assert.Equal("image/heic", receipt.ContentType);
            Assert.Equal("receipt_under_review", state.Status);
        }
        else
        {
            Assert.Equal("application/pdf", receipt.ContentType);
            Assert.Equal("sent_to_dso", state.Status);
        }
    }

    [Fact]
    public async Task AReplyToAnApplicationThatTakesNoReceiptNow_WaitsForAnOperator()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        await (await PushAsync(Replies.To(invoice, attachments: Replies.Attachment(Replies.Photo(), "photo1.jpg"))))
            .ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        var again = await (await PushAsync(Replies.To(invoice, text: "Ще одна", attachments: Replies.Attachment(Replies.Photo(), "photo2.jpg"))))
            .ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("not_accepted", again.Outcome);
        Assert.True(again.NeedsAttention);
        Assert.Contains("вже на перевірці", again.Reason, StringComparison.Ordinal);
        Assert.Single((await _scenario.GetAsync(application)).Receipts);
    }

    [Fact]
    public async Task BadPushes_AreRefused_AndChangeNothing()
    {
        var before = await _app.InDatabaseAsync(db => db.Set<InboundEmail>().CountAsync());
        var message = Replies.Bytes(Replies.Fresh("Тест", "Тест"));

        var anonymous = await _app.CreateClient().PostAsync("/api/v1/inbound-emails", Raw(message));
        var asDso = await _app.WithApiKey("wrong-key").PostAsync("/api/v1/inbound-emails", Raw(message));
        var json = await Gateway().PostAsync("/api/v1/inbound-emails", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var empty = await Gateway().PostAsync("/api/v1/inbound-emails", Raw([]));
        var tooLarge = await Gateway().PostAsync("/api/v1/inbound-emails", Raw(new byte[21 * 1024 * 1024]));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asDso.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(before, await _app.InDatabaseAsync(db => db.Set<InboundEmail>().CountAsync()));
    }

    private async Task<(ApplyBody Application, SentMail Invoice)> AwaitingPaymentAsync()
    {
        var account = (3_000_000_000L + Interlocked.Increment(ref _nextAccount)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        var invoice = await _app.Mail.WaitForAsync(m => m.Subject == $"Рахунок за відновлення електропостачання, заява {application.Number}",
            "with the invoice");
        return (application, invoice);
    }

    private HttpClient Gateway() => _app.WithApiKey(VidnovaApp.MailGatewayKey);

    private Task<HttpResponseMessage> PushAsync(MimeMessage message) => Gateway().PostAsync("/api/v1/inbound-emails", Raw(Replies.Bytes(message)));

    private static ByteArrayContent Raw(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(InboundMailApi.RawMessageMediaType);
        return body;
    }

    private Task<bool> AutoReplyQueuedAsync(Guid inboundEmailId) =>
        _app.InDatabaseAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.DeduplicationKey == $"inbound-email:{inboundEmailId}:reply"));
}

public sealed class InboundEmailApiOnSqlite(ReceiptApprovingSqliteApp app) : InboundEmailApiTests(app), IClassFixture<ReceiptApprovingSqliteApp>;

public sealed class InboundEmailApiOnPostgres(ReceiptApprovingPostgresApp app) : InboundEmailApiTests(app), IClassFixture<ReceiptApprovingPostgresApp>;
