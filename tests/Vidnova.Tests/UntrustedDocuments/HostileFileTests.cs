using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.InboundMail;
using Vidnova.Persistence;
using Vidnova.Restoration;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.UntrustedDocuments;

/// <summary>
/// The host with the reader's output capped at eight megabytes, so that an email with a larger file is one the reader
/// cannot read — a real limit, hit by a real message.
/// </summary>
public class HostileFilesApp : VidnovaApp
{
    public static readonly IReadOnlyDictionary<string, string?> ReaderLimits = new Dictionary<string, string?>
    {
        ["Documents:Reader:MaxOutputMegabytes"] = "8",
    };

    protected HostileFilesApp(DatabaseProvider provider)
        : base(provider) => Settings = ReaderLimits;
}

public sealed class SqliteHostileFilesApp() : HostileFilesApp(DatabaseProvider.Sqlite);

/// <summary>
/// Files written to break their parser, through each way in — the upload API and the mail push (IMAP in
/// <see cref="HostileMailboxTests"/>): the host stays up and answers, the file is kept, and it waits for an operator
/// marked as not read automatically; what broke the reader is counted.
/// </summary>
public abstract class HostileFileTests
{
    private static int _nextAccount;
    private readonly VidnovaApp _app;
    private readonly Scenario _scenario;

    protected HostileFileTests(VidnovaApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
    }

    public static TheoryData<string> HostilePdfs() => ["self-reference", "deep nesting", "reference chain", "flate bomb", "truncated"];

    public static TheoryData<string, string> HostileImages() => new()
    {
        { "truncated JPEG", "image/jpeg" },
        { "absurd PNG", "image/png" },
        { "PNG bomb", "image/png" },
        { "truncated HEIC", "image/heic" },
    };

    /// <summary>
    /// The proof that the test means something: today's extractor, run in a process of its own on the
    /// self-referencing PDF, dies of a stack overflow — which in the host was the host.
    /// </summary>
    [Fact]
    public async Task TheSelfReferencingPdf_KillsAProcessThatReadsIt()
    {
        var assembly = typeof(Program).Assembly.Location;
        var result = await Cli.Wrap(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            .WithArguments([assembly, "read-document", "pdf-text"])
            .WithStandardInputPipe(PipeSource.FromBytes(HostileFiles.SelfReferencingPdf()))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Stack overflow", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostilePdfs))]
    public async Task UploadingAHostilePdf_KeepsIt_AndItWaitsForAnOperator(string kind)
    {
        var application = await ConfirmedApplicationAsync();
        var file = Pdf(kind);

        var uploaded = await (await _scenario.UploadAsync(application, file)).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

        Assert.Equal("receipt_under_review", uploaded.Status);
        Assert.Contains(uploaded.Timeline, t => t.Kind == "receipt_needs_operator");
        Assert.Equal(file, await StoredAsync(Assert.Single(uploaded.Receipts).Id));
        await AssertAliveAsync();
    }

    [Fact]
    public async Task APdfThatKillsTheReader_IsMarkedNotReadAutomatically_AndCounted()
    {
        using var unread = Collect("vidnova.documents.unread");
        var application = await ConfirmedApplicationAsync();

        var uploaded = await (await _scenario.UploadAsync(application, HostileFiles.SelfReferencingPdf())).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

        Assert.Contains(uploaded.Timeline, t => t.Kind == "receipt_needs_operator"
            && t.Description.Contains("не вдалося прочитати автоматично", StringComparison.Ordinal));
        Assert.Equal(1, unread.GetMeasurementSnapshot().Sum(m => m.Value));
        await AssertAliveAsync();
    }

    /// <summary>Read in the host, this megabyte grew its memory by gigabytes, for good; in the reader it costs the reader.</summary>
    [Fact]
    public async Task AFlateBomb_DoesNotGrowTheHostsMemory()
    {
        var application = await ConfirmedApplicationAsync();
        var bomb = HostileFiles.FlateBomb();
        using var self = Process.GetCurrentProcess();
        var peakBefore = self.PeakWorkingSet64;

        var uploaded = await (await _scenario.UploadAsync(application, bomb)).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

        self.Refresh();
        Assert.Equal("receipt_under_review", uploaded.Status);
        Assert.True(self.PeakWorkingSet64 - peakBefore < HostileFiles.Gigabyte / 2,
            $"The host's peak memory grew by {(self.PeakWorkingSet64 - peakBefore) >> 20} MB reading a {bomb.Length >> 10} KB PDF.");
    }

    [Theory]
    [MemberData(nameof(HostileImages))]
    public async Task UploadingAHostileImage_KeepsIt_AndItWaitsForAnOperator(string kind, string contentType)
    {
        var application = await ConfirmedApplicationAsync();
        var file = Image(kind);

        var uploaded = await (await _scenario.UploadAsync(application, file, "photo", contentType)).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

        Assert.Equal("receipt_under_review", uploaded.Status);
        Assert.Equal(file, await StoredAsync(Assert.Single(uploaded.Receipts).Id));
        await AssertAliveAsync();
    }

    [Theory]
    [MemberData(nameof(HostilePdfs))]
    public async Task AnEmailedHostilePdf_IsFiled_AndWaitsForAnOperator(string kind)
    {
        var (application, invoice) = await AwaitingPaymentAsync();
        var reply = Replies.To(invoice, attachments: Replies.Pdf(Pdf(kind)));

        var filed = await (await PushAsync(Replies.Bytes(reply))).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("receipt_filed", filed.Outcome);
        var state = await _scenario.GetAsync(application);
        Assert.Equal("receipt_under_review", state.Status);
        Assert.Contains(state.Timeline, t => t.Kind == "receipt_needs_operator");
        await AssertAliveAsync();
    }

    [Fact]
    public async Task AnEmailTheReaderCannotRead_IsStoredOnce_AsCouldNotRead_AndNeverReadAgain()
    {
        using var unread = Collect("vidnova.documents.unread");
        var (_, invoice) = await AwaitingPaymentAsync();
        var raw = Replies.Bytes(Replies.To(invoice, attachments: Replies.Attachment(Replies.Photo(9 * 1024 * 1024), "photo.jpg", "image/jpeg")));

        var first = await (await PushAsync(raw)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);
        var again = await (await PushAsync(raw)).ReadAsync<InboundEmailResponse>(HttpStatusCode.OK);

        Assert.Equal("could_not_read", first.Outcome);
        Assert.True(first.NeedsAttention);
        Assert.Equal((first.Id, "could_not_read", true), (again.Id, again.Outcome, again.Duplicate));
        Assert.Equal(1, unread.GetMeasurementSnapshot().Sum(m => m.Value));
        var stored = await _app.InDatabaseAsync(db => db.Set<InboundEmailContent>().AsNoTracking().SingleAsync(c => c.InboundEmailId == first.Id));
        Assert.Equal(raw, stored.Raw);
        await AssertShownInTheQueueAsync(first.Id);
    }

    /// <summary>A host that died twice while reading an email (before this design it would, every time) does not read it a third time.</summary>
    [Fact]
    public async Task AnEmailLeftUnreadByTwoCrashes_IsConcludedCouldNotRead_WithoutAThirdRead()
    {
        var raw = Replies.Bytes(Replies.Fresh("Квитанція", "Оплатив."));
        var now = _app.Clock.GetCurrentInstant();
        await _app.InDatabaseAsync(async db =>
        {
            var email = InboundEmail.Received(Guid.NewGuid(), Convert.ToHexStringLower(SHA256.HashData(raw)), "imap", raw.Length, now);
            email.StartReading(now);
            email.StartReading(now);
            db.Add(email);
            db.Add(new InboundEmailContent(email.Id, raw, headersOnly: false));
            return await db.SaveChangesAsync();
        });
        _app.Clock.Advance(Duration.FromMinutes(10));

        var result = await (await PushAsync(raw)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("could_not_read", result.Outcome);
        Assert.True(result.NeedsAttention);
    }

    /// <summary>On PostgreSQL a NUL (22021) or an over-long value (22001) used to fail the insert, so the gateway retried for ever.</summary>
    [Fact]
    public async Task AnEmailWithControlCharactersAndOverlongHeaders_IsStored()
    {
        var longName = new string('я', 400);
        var raw = Encoding.UTF8.GetBytes(
            $"From: {new string('a', 300)}@example.com\r\nTo: receipts@vidnova.test\r\nSubject: Оплата\0 {longName}\r\n"
            + $"Message-ID: <{new string('m', 1200)}\u0001@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nОплатив.\r\n");

        var result = await (await PushAsync(raw)).ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);

        Assert.Equal("unmatched", result.Outcome);
        var email = await _app.InDatabaseAsync(db => db.Set<InboundEmail>().AsNoTracking().SingleAsync(e => e.Id == result.Id));
        Assert.DoesNotContain('\0', email.Subject);
        Assert.StartsWith("Оплата", email.Subject, StringComparison.Ordinal);
        Assert.True(email.Subject.Length <= 300 && email.From.Length <= 254 && email.MessageId!.Length <= 998);
        Assert.DoesNotContain(email.MessageId, char.IsControl);
    }

    private static byte[] Pdf(string kind) => kind switch
    {
        "self-reference" => HostileFiles.SelfReferencingPdf(),
        "deep nesting" => HostileFiles.DeeplyNestedPdf(),
        "reference chain" => HostileFiles.ReferenceChainPdf(),
        "flate bomb" => HostileFiles.FlateBomb(),
        _ => HostileFiles.TruncatedPdf(),
    };

    private static byte[] Image(string kind) => kind switch
    {
        "truncated JPEG" => HostileFiles.TruncatedJpeg(),
        "absurd PNG" => HostileFiles.AbsurdPng(),
        "PNG bomb" => HostileFiles.PngBombFile(),
        _ => HostileFiles.TruncatedHeic(),
    };

    private MetricCollector<long> Collect(string instrument) =>
        new(_app.Services.GetRequiredService<IMeterFactory>(), Telemetry.MeterName, instrument);

    private async Task AssertAliveAsync()
    {
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private async Task AssertShownInTheQueueAsync(Guid emailId)
    {
        var login = $"hostile-{Guid.NewGuid():N}@operators.test";
        await _app.AddStaffAsync(login);
        var staff = await _app.SignInStaffAsync(login);
        Assert.Contains(emailId.ToString(), await staff.GetStringAsync("/backoffice/inbound-mail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/backoffice/inbound-mail/{emailId}")).StatusCode);
    }

    private Task<byte[]> StoredAsync(Guid receiptId) =>
        _app.InDatabaseAsync(db => db.Set<ReceiptFile>().AsNoTracking().Where(f => f.ReceiptId == receiptId).Select(f => f.Content).SingleAsync());

    private async Task<HttpResponseMessage> PushAsync(byte[] raw)
    {
        var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return await _app.WithApiKey(VidnovaApp.MailGatewayKey).PostAsync("/api/v1/inbound-emails", content);
    }

    private async Task<ApplyBody> ConfirmedApplicationAsync()
    {
        var account = NextAccount();
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        return await _scenario.ConfirmedApplicationAsync(account);
    }

    private async Task<(ApplyBody Application, SentMail Invoice)> AwaitingPaymentAsync()
    {
        var application = await ConfirmedApplicationAsync();
        var invoice = await _app.Mail.WaitForAsync(m => m.Subject == $"Рахунок за відновлення електропостачання, заява {application.Number}",
            "with the invoice");
        return (application, invoice);
    }

    private static string NextAccount() =>
        (4_600_000_000L + Interlocked.Increment(ref _nextAccount)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class PostgresHostileFilesApp() : HostileFilesApp(DatabaseProvider.Postgres);

public sealed class HostileFilesOnSqlite(SqliteHostileFilesApp app) : HostileFileTests(app), IClassFixture<SqliteHostileFilesApp>;

public sealed class HostileFilesOnPostgres(PostgresHostileFilesApp app) : HostileFileTests(app), IClassFixture<PostgresHostileFilesApp>;
