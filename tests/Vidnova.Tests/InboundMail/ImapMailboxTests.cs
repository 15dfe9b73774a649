using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MimeKit;
using Vidnova.Hosting;
using Vidnova.InboundMail;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.InboundMail;

/// <summary>A real Dovecot IMAP server and the host polling it, both started by the tests, on one database provider.</summary>
public abstract class MailboxFixture(DatabaseProvider provider, bool tls) : IAsyncLifetime
{
    public DovecotServer Mailbox { get; private set; } = null!;

    public VidnovaApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mailbox = await DovecotServer.StartAsync(tls);
        // These tests are about reading mail: a matching bank PDF approves by itself, the old way (not the default).
        var settings = Mailbox.HostSettings();
        settings["Receipts:AutoApprove"] = "receipt";
        App = new VidnovaApp(provider) { Settings = settings };
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Mailbox.DisposeAsync();
    }
}

public sealed class SqliteMailbox() : MailboxFixture(DatabaseProvider.Sqlite, tls: false);

public sealed class PostgresMailbox() : MailboxFixture(DatabaseProvider.Postgres, tls: false);

public sealed class StartTlsMailbox() : MailboxFixture(DatabaseProvider.Sqlite, tls: true);

/// <summary>
/// Replies delivered into the supplier's IMAP mailbox: reply → matched → receipt stored → verified or queued →
/// customer emailed → message moved to Processed or Failed, never deleted.
/// </summary>
public abstract class ImapMailboxTests
{
    private static int _nextAccount;
    private readonly MailboxFixture _fixture;
    private readonly Scenario _scenario;

    protected ImapMailboxTests(MailboxFixture fixture)
    {
        _fixture = fixture;
        _scenario = new Scenario(fixture.App);
    }

    private VidnovaApp App => _fixture.App;

    private DovecotServer Mailbox => _fixture.Mailbox;

    [Fact]
    public async Task AReplyWithABankPdf_MovesItsApplicationToTheDso_WithoutAnyoneTouchingIt()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, attachments: Replies.Pdf(Replies.BankReceipt(application.Number)));

        await Mailbox.AppendAsync(reply);

        var email = await FiledAsync(reply.MessageId);
        Assert.Equal(InboundEmailOutcome.ReceiptFiled, email.Outcome);
        Assert.Equal("imap", email.Source);
        Assert.Equal("sent_to_dso", (await _scenario.GetAsync(application)).Status);
        await App.Mail.WaitForAsync(m => m.Subject == $"Заявку {application.Number} передано ОСР", "saying the request went to the DSO");
        await MovedAsync(reply.MessageId, "Processed");
    }

    [Fact]
    public async Task AReplySentOverSmtp_IsDeliveredToTheMailbox_AndFiled()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        await using var mailServer = await SmtpServer.StartAsync(Mailbox.UserMaildir);
        var reply = Replies.To(invoice, attachments: Replies.Pdf(Replies.BankReceipt(application.Number)));

        using (var customer = new MailKit.Net.Smtp.SmtpClient())
        {
            await customer.ConnectAsync("127.0.0.1", mailServer.Port, MailKit.Security.SecureSocketOptions.None);
            await customer.SendAsync(reply);
            await customer.DisconnectAsync(true);
        }

        Assert.Equal(InboundEmailOutcome.ReceiptFiled, (await FiledAsync(reply.MessageId)).Outcome);
        Assert.Equal("sent_to_dso", (await _scenario.GetAsync(application)).Status);
        await MovedAsync(reply.MessageId, "Processed");
    }

    [Fact]
    public async Task ADoubtfulReceipt_WaitsInTheQueue_WithTheReason()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, attachments: Replies.Pdf(Replies.BankReceipt(application.Number, amount: 1234.55m)));

        await Mailbox.AppendAsync(reply);

        await FiledAsync(reply.MessageId);
        var state = await _scenario.GetAsAdminAsync(application.Id);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.Contains("✗ Сума", Assert.Single(state.Timeline, t => t.Kind == "receipt_check_failed").Description, StringComparison.Ordinal);
        await App.Mail.WaitForAsync(m => m.Subject == $"Квитанцію отримано, заява {application.Number}", "acknowledging the receipt");
        await MovedAsync(reply.MessageId, "Processed");
    }

    [Fact]
    public async Task RepliesWithoutAReceipt_GoToFailed_AndTheCustomerIsToldWhatToSend()
    {
        var (noAttachment, invoice1) = await AwaitingPaymentAsync();
        var (zipped, invoice2) = await AwaitingPaymentAsync();
        var first = Replies.To(invoice1, text: "Оплатив");
        var second = Replies.To(invoice2, attachments: Replies.Attachment(Replies.Zip(), "квитанція.zip"));

        await Mailbox.AppendAsync(first);
        await Mailbox.AppendAsync(second);

        Assert.Equal(InboundEmailOutcome.NoReceipt, (await FiledAsync(first.MessageId)).Outcome);
        Assert.Equal(InboundEmailOutcome.NoReceipt, (await FiledAsync(second.MessageId)).Outcome);
        await App.Mail.WaitForAsync(m => m.Subject == $"Квитанцію не отримано, заява {noAttachment.Number}" && m.TextBody.Contains("немає вкладеного файлу", StringComparison.Ordinal), "about the missing file");
        await App.Mail.WaitForAsync(m => m.Subject == $"Квитанцію не отримано, заява {zipped.Number}" && m.TextBody.Contains("— архів", StringComparison.Ordinal), "about the archive");
        await MovedAsync(first.MessageId, "Failed");
        await MovedAsync(second.MessageId, "Failed");
    }

    [Fact]
    public async Task AMessageTooLargeToRead_IsNotFetched_ButRecordedAndAnswered()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var huge = new byte[30 * 1024 * 1024];
        Random.Shared.NextBytes(huge);
        var reply = Replies.To(invoice, attachments: Replies.Attachment(huge, "IMG_0001.jpg", "image/jpeg"));

        await Mailbox.AppendAsync(reply);

        var email = await FiledAsync(reply.MessageId);
        Assert.Equal(InboundEmailOutcome.TooLarge, email.Outcome);
        Assert.True(email.SizeBytes > 30 * 1024 * 1024);
        var stored = await App.InDatabaseAsync(db => db.Set<InboundEmailContent>().SingleAsync(c => c.InboundEmailId == email.Id));
        Assert.True(stored.HeadersOnly);
        Assert.True(stored.Raw.Length < 64 * 1024);
        Assert.Empty((await _scenario.GetAsync(application)).Receipts);
        var answer = await App.Mail.WaitForAsync(m => m.Subject == $"Квитанцію не отримано, заява {application.Number}", "about the size");
        Assert.Contains("завеликий", answer.TextBody, StringComparison.Ordinal);
        await MovedAsync(reply.MessageId, "Failed");
    }

    [Fact]
    public async Task TheSameEmailDeliveredTwice_IsProcessedOnce_AndBothCopiesLeaveTheInbox()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, attachments: Replies.Attachment(Replies.Photo(), "photo.jpg", "image/jpeg"));

        using var messagesRead = Collect("vidnova.inbound_mail.messages");
        await Mailbox.AppendAsync(reply);
        await Mailbox.AppendAsync(reply);

        await FiledAsync(reply.MessageId);
        await WaitUntilAsync(async () => (await Mailbox.MessageIdsAsync("Processed")).Count(id => id == reply.MessageId) == 2, "both copies moved");
        Assert.Equal(["receipt_filed", "receipt_filed"], messagesRead.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
        Assert.Single((await _scenario.GetAsync(application)).Receipts);
        Assert.Equal(1, await App.InDatabaseAsync(db => db.Set<InboundEmail>().CountAsync(e => e.MessageId == reply.MessageId)));
    }

    [Fact]
    public async Task AMailboxThatGoesAwayMidPoll_LosesNothing_AndDoublesNothing()
    {
        var replies = new List<(ApplyBody Application, MimeMessage Reply)>();
        for (var i = 0; i < 6; i++)
        {
            var (application, invoice) = await AwaitingPaymentAsync();
            replies.Add((application, Replies.To(invoice, attachments: Replies.Pdf(Replies.BankReceipt(application.Number)))));
        }

        foreach (var (_, reply) in replies)
        {
            await Mailbox.AppendAsync(reply);
        }

        // The poller (every second) is reading them when the server dies; it comes back once a poll has failed.
        using var pollFailures = Collect("vidnova.inbound_mail.poll_failures");
        await Mailbox.StopAsync();
        await pollFailures.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));
        await Mailbox.StartAsync();

        foreach (var (application, reply) in replies)
        {
            await FiledAsync(reply.MessageId);
            await MovedAsync(reply.MessageId, "Processed");
            var state = await _scenario.GetAsync(application);
            Assert.Equal("sent_to_dso", state.Status);
            Assert.Single(state.Receipts);
        }

        Assert.Empty(await Mailbox.MessageIdsAsync("INBOX"));
    }

    private async Task<(ApplyBody Application, SentMail Invoice)> AwaitingPaymentAsync()
    {
        var account = (4_000_000_000L + Interlocked.Increment(ref _nextAccount)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        var invoice = await App.Mail.WaitForAsync(m => m.Subject == $"Рахунок за відновлення електропостачання, заява {application.Number}",
            "with the invoice");
        return (application, invoice);
    }

    /// <summary>What this host's poller reports from now on through one of its metrics.</summary>
    private MetricCollector<long> Collect(string instrument) =>
        new(App.Services.GetRequiredService<IMeterFactory>(), Telemetry.MeterName, instrument);

    private async Task<InboundEmail> FiledAsync(string? messageId)
    {
        InboundEmail? email = null;
        await WaitUntilAsync(async () =>
        {
            email = await App.InDatabaseAsync(db => db.Set<InboundEmail>().AsNoTracking().SingleOrDefaultAsync(e => e.MessageId == messageId));
            return email is not null;
        }, $"email {messageId} filed");
        return email!;
    }

    private Task MovedAsync(string? messageId, string folder) =>
        WaitUntilAsync(async () => (await Mailbox.MessageIdsAsync(folder)).Contains(messageId)
            && !(await Mailbox.MessageIdsAsync("INBOX")).Contains(messageId), $"{messageId} moved to {folder}");

    private Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(45),
            () => $"Timed out waiting for {what}. Host errors: {string.Join('\n', App.Errors.Entries)} Dovecot log: {Mailbox.Log}");
}

public sealed class ImapMailboxOnSqlite(SqliteMailbox fixture) : ImapMailboxTests(fixture), IClassFixture<SqliteMailbox>;

public sealed class ImapMailboxOnPostgres(PostgresMailbox fixture) : ImapMailboxTests(fixture), IClassFixture<PostgresMailbox>;

/// <summary>The same mailbox behind STARTTLS with the server's own certificate trusted by configuration.</summary>
public sealed class ImapOverStartTls(StartTlsMailbox fixture) : IClassFixture<StartTlsMailbox>
{
    [Fact]
    public async Task RepliesAreReadOverStartTls_TrustingTheConfiguredCertificate()
    {
        var scenario = new Scenario(fixture.App);
        await scenario.RegisterDsoAsync();
        await scenario.PutAccountAsync("4100000001");
        var application = await scenario.ConfirmedApplicationAsync("4100000001");
        var invoice = await fixture.App.Mail.WaitForAsync(m => m.Subject.StartsWith("Рахунок", StringComparison.Ordinal), "with the invoice");
        var reply = Replies.To(invoice, attachments: Replies.Pdf(Replies.BankReceipt(application.Number)));

        await fixture.Mailbox.AppendAsync(reply);

        await Eventually.TrueAsync(async () => (await fixture.Mailbox.MessageIdsAsync("Processed")).Contains(reply.MessageId),
            TimeSpan.FromSeconds(45), () => $"Not read over STARTTLS. Dovecot log: {fixture.Mailbox.Log}");

        Assert.Equal("sent_to_dso", (await scenario.GetAsync(application)).Status);
    }
}
