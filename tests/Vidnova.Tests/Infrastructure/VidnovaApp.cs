using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Vidnova.Persistence;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh database (a SQLite file, or a database of its own on the test PostgreSQL server) and a
/// fresh mail pickup folder, with a controllable clock. Each test class gets its own instance, so tests never see
/// each other's data.
/// </summary>
public class VidnovaApp(DatabaseProvider provider) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public const string MailGatewayKey = "test-mail-gateway-key";

    /// <summary>The receiving mail server whose Authentication-Results the host believes (<c>Mail:Inbound:TrustedAuthServIds</c>).</summary>
    public const string TrustedAuthServId = "mx.vidnova.test";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "vidnova-tests", Guid.NewGuid().ToString("N"));
    private string? _connectionString;

    public VidnovaApp()
        : this(DatabaseProvider.Sqlite)
    {
    }

    public DatabaseProvider Provider { get; } = provider;

    /// <summary>What the host logged as errors, for failure messages.</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>The database this host uses, so a second host can be pointed at the same one.</summary>
    public string ConnectionString => _connectionString ??= Provider == DatabaseProvider.Postgres
        ? PostgresServer.Instance.CreateDatabase()
        : $"Data Source={Path.Combine(_root, "vidnova.db")}";

    /// <summary>Set before the host starts to share another host's database.</summary>
    public string? SharedConnectionString { init => _connectionString = value; }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 25, 8, 0));

    /// <summary>
    /// ASP.NET Core's time (tokens, cookies), which reads a <see cref="TimeProvider"/> rather than our clock: the real
    /// time, moved ahead by the tests of token expiry. Timers and timestamps stay real, so retries and timeouts are not stopped.
    /// </summary>
    public ShiftedTimeProvider TokenTime { get; } = new();

    /// <summary>Configuration on top of the test defaults, e.g. an IMAP server to poll.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public MailFolder Mail => new(MailDirectory);

    /// <summary>The pickup folder itself, for tests that read the raw <c>.eml</c> files.</summary>
    public string MailDirectory => Path.Combine(_root, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_root);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Vidnova", ConnectionString);
        builder.UseSetting("Mail:PickupDirectory", Path.Combine(_root, "mail"));
        builder.UseSetting("Mail:OutboxPollSeconds", "1");
        builder.UseSetting("Vidnova:AdminApiKey", AdminKey);
        builder.UseSetting("Vidnova:SeedDemoData", "false");
        builder.UseSetting("Vidnova:PublicBaseUrl", "https://vidnova.test");
        builder.UseSetting("Mail:ReplyAddress", "Vidnova <receipts@vidnova.test>");
        builder.UseSetting("Mail:Inbound:ApiKey", MailGatewayKey);
        builder.UseSetting("Mail:Inbound:TrustedAuthServIds:0", TrustedAuthServId);
        // Tests create many applications, sign-ins and pushes from one address in seconds; the abuse limits would
        // refuse them. Generous here; the limit tests set tight ones through Settings. The staff lockout keeps its default.
        builder.UseSetting("RateLimits:Applications:PerAddressPerHour", "100000");
        builder.UseSetting("RateLimits:Applications:PerAccountPerDay", "100000");
        builder.UseSetting("RateLimits:ConfirmationEmails:PerApplicationPerHour", "100000");
        builder.UseSetting("RateLimits:StaffSignIn:PerAddressPerHour", "100000");
        builder.UseSetting("RateLimits:CustomerSignIn:PerAddressPerHour", "100000");
        builder.UseSetting("RateLimits:InboundEmails:PerKeyPerMinute", "100000");
        builder.UseSetting("RateLimits:Receipts:PerApplicationPerHour", "100000");
        builder.UseSetting("RateLimits:Receipts:PerAddressPerHour", "100000");
        // The dunning job would warn every test's indebted accounts on start; the dunning tests run passes on demand.
        builder.UseSetting("Dunning:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(TokenTime));
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    public HttpClient Admin()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public HttpClient WithApiKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public HttpClient Customer(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<T> InDatabaseAsync<T>(Func<VidnovaDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Provider == DatabaseProvider.Postgres && _connectionString is not null)
        {
            // Each test class has its own database and so its own connection pool, whose idle connections would
            // otherwise stay open for minutes after the host stopped and exhaust the shared test server.
            using var connection = new Npgsql.NpgsqlConnection(_connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        if (disposing && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

public static class HttpAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}

/// <summary>The system's time, shifted by <see cref="Advance"/>; its timers and timestamps are the system's.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _shiftTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));
}

public sealed class SqliteApp() : VidnovaApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : VidnovaApp(DatabaseProvider.Postgres);

/// <summary>
/// A host where a bank PDF matching the invoice approves by itself (<c>Receipts:AutoApprove=receipt</c>, the behaviour
/// before DSO statements), for the tests of the ways a receipt arrives rather than of what proves a payment.
/// </summary>
public class ReceiptApprovingApp : VidnovaApp
{
    public ReceiptApprovingApp(DatabaseProvider provider)
        : base(provider) => Settings = new Dictionary<string, string?> { ["Receipts:AutoApprove"] = "receipt" };

    public ReceiptApprovingApp()
        : this(DatabaseProvider.Sqlite)
    {
    }
}

public sealed class ReceiptApprovingSqliteApp() : ReceiptApprovingApp(DatabaseProvider.Sqlite);

public sealed class ReceiptApprovingPostgresApp() : ReceiptApprovingApp(DatabaseProvider.Postgres);
