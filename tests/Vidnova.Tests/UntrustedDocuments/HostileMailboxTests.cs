using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Vidnova.Hosting;
using Vidnova.InboundMail;
using Vidnova.Persistence;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.UntrustedDocuments;

/// <summary>Dovecot and a host polling it with the reader's output capped as in <see cref="HostileFilesApp"/>.</summary>
public abstract class HostileMailboxFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public DovecotServer Mailbox { get; private set; } = null!;

    public VidnovaApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mailbox = await DovecotServer.StartAsync();
        App = new VidnovaApp(provider)
        {
            Settings = Mailbox.HostSettings().Concat(HostileFilesApp.ReaderLimits).ToDictionary(s => s.Key, s => s.Value),
        };
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Mailbox.DisposeAsync();
    }
}

public sealed class SqliteHostileMailbox() : HostileMailboxFixture(DatabaseProvider.Sqlite);

public sealed class PostgresHostileMailbox() : HostileMailboxFixture(DatabaseProvider.Postgres);

/// <summary>
/// Over IMAP a message that killed the host was picked up again after every restart, for ever. Now a hostile
/// attachment is filed and waits for an operator, and a message the reader cannot read goes to <c>Failed</c> once.
/// </summary>
public abstract class HostileMailboxTests(HostileMailboxFixture fixture)
{
    private static int _nextAccount;
    private readonly Scenario _scenario = new(fixture.App);

    private VidnovaApp App => fixture.App;

    private DovecotServer Mailbox => fixture.Mailbox;

    [Fact]
    public async Task AMessageWithASelfReferencingPdf_IsFiled_AndItsReceiptWaitsForAnOperator()
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, attachments: Replies.Pdf(HostileFiles.SelfReferencingPdf()));

        await Mailbox.AppendAsync(reply);

        await WaitUntilAsync(async () => (await Mailbox.MessageIdsAsync("Processed")).Contains(reply.MessageId), "moved to Processed");
        var state = await _scenario.GetAsync(application);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.Contains(state.Timeline, t => t.Kind == "receipt_needs_operator"
            && t.Description.Contains("не вдалося прочитати автоматично", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageTheReaderCannotRead_GoesToFailedOnce_AndIsNotReadAgain()
    {
        using var unread = new MetricCollector<long>(App.Services.GetRequiredService<IMeterFactory>(), Telemetry.MeterName, "vidnova.documents.unread");
        var (_, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, attachments: Replies.Attachment(Replies.Photo(3 * 1024 * 1024), "photo.jpg", "image/jpeg"));

        await Mailbox.AppendAsync(reply);

        await WaitUntilAsync(async () => (await Mailbox.MessageIdsAsync("Failed")).Contains(reply.MessageId), "moved to Failed");
        var email = await App.InDatabaseAsync(db => db.Set<InboundEmail>().AsNoTracking()
            .SingleAsync(e => e.Source == "imap" && e.Outcome == InboundEmailOutcome.CouldNotRead));
        Assert.True(email.NeedsAttention);
        Assert.Equal(1, email.ReadAttempts);

        Assert.Equal(0, await App.Services.GetRequiredService<ImapInboxPoller>().PollOnceAsync(CancellationToken.None));
        Assert.Equal(1, unread.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, await App.InDatabaseAsync(db => db.Set<InboundEmail>().CountAsync(e => e.Outcome == InboundEmailOutcome.CouldNotRead)));
    }

    private async Task<(ApplyBody Application, SentMail Invoice)> AwaitingPaymentAsync()
    {
        var account = (4_700_000_000L + Interlocked.Increment(ref _nextAccount)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        var invoice = await App.Mail.WaitForAsync(m => m.Subject == $"Рахунок за відновлення електропостачання, заява {application.Number}",
            "with the invoice");
        return (application, invoice);
    }

    private Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(45),
            () => $"Timed out waiting: {what}. Host errors: {string.Join('\n', App.Errors.Entries)} Dovecot log: {Mailbox.Log}");
}

public sealed class HostileMailboxOnSqlite(SqliteHostileMailbox fixture) : HostileMailboxTests(fixture), IClassFixture<SqliteHostileMailbox>;

public sealed class HostileMailboxOnPostgres(PostgresHostileMailbox fixture) : HostileMailboxTests(fixture), IClassFixture<PostgresHostileMailbox>;
