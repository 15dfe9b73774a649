using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Billing.Bills;
using Vidnova.Billing.Runs;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Billing;

/// <summary>A host whose billing worker looks every second, in batches of three accounts.</summary>
public class BillingApp : VidnovaApp
{
    public BillingApp(DatabaseProvider provider, int workers = 1)
        : base(provider) => Settings = new Dictionary<string, string?>
        {
            ["Billing:PollSeconds"] = "1",
            ["Billing:BatchSize"] = "3",
            ["Billing:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}

public sealed class BillingSqliteApp() : BillingApp(DatabaseProvider.Sqlite);

public sealed class BillingPostgresApp() : BillingApp(DatabaseProvider.Postgres);

/// <summary>Shared by the billing tests: accounts with meters and readings, and a run followed to its end.</summary>
internal static class Billing
{
    public static readonly Instant AfterNovember = Instant.FromUtc(2026, 12, 4, 9, 0);

    public static async Task AccountAsync(VidnovaApp app, Scenario scenario, string number, decimal? novemberTotal, decimal debt = 0m, bool meter = true)
    {
        await scenario.PutAccountAsync(number, debt: debt, supplyStatus: "connected");
        if (!meter)
        {
            return;
        }

        (await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}/meter",
            new { serialNumber = $"M-{number}", zones = 1, digits = 6, installedOn = "2026-09-01", readings = new { total = 1000 } })).EnsureSuccessStatusCode();
        (await app.Admin().PostAsJsonAsync($"/api/v1/accounts/{number}/readings", new { takenOn = "2026-10-31", values = new { total = 1600 }, confirm = true }))
            .EnsureSuccessStatusCode();
        if (novemberTotal is { } total)
        {
            (await app.Admin().PostAsJsonAsync($"/api/v1/accounts/{number}/readings", new { takenOn = "2026-11-30", values = new { total }, confirm = true }))
                .EnsureSuccessStatusCode();
        }
    }

    public static async Task<RunBody> RunAsync(VidnovaApp app, string period)
    {
        var started = await (await app.Admin().PostAsJsonAsync("/api/v1/billing-runs", new { period })).ReadAsync<StartedBody>(HttpStatusCode.Accepted);
        return await FollowAsync(app, started.Id);
    }

    public static async Task<RunBody> FollowAsync(VidnovaApp app, Guid id)
    {
        RunBody? last = null;
        return await Eventually.ValueAsync(async () =>
        {
            last = await app.Admin().GetFromJsonAsync<RunBody>($"/api/v1/billing-runs/{id}", Json.Options);
            return last!.Status is "completed" or "failed" ? last : null;
        }, TimeSpan.FromSeconds(30), () => $"The run did not end: {last}; errors: {string.Join("\n", app.Errors.Entries)}");
    }

    public static Task<List<Bill>> BillsAsync(VidnovaApp app) =>
        app.InDatabaseAsync(db => db.Set<Bill>().AsNoTracking().ToListAsync());

    public static Task<int> BillChargesAsync(VidnovaApp app) =>
        app.InDatabaseAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Channel == "bill"));
}

public sealed record StartedBody(Guid Id, string Status);

public sealed record RunBody(string Status, int Accounts, int Billed, int Estimated, int Skipped, int Failed, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record BillBody(string AccountNumber, string Period, bool Estimated, decimal Kwh, List<BillLineBody> Lines, decimal Amount,
    decimal PreviousBalance, decimal Payments, decimal ToPay, string DueDate, EstimateBody? Estimate);

public sealed record BillLineBody(string Kind, string Zone, decimal Kwh, decimal Price, decimal Amount);

public sealed record EstimateBody(string Method, decimal AverageDailyKwh);

public sealed record ConsumptionBody(string Period, decimal Kwh, Dictionary<string, decimal> Zones, bool Estimated, decimal Amount);

/// <summary>The billing run over HTTP: a run, a rerun, the bills' and consumption's JSON on the staff and customer paths.</summary>
public abstract class BillingRunApiTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);
    private readonly CustomerLogins _logins = new(app);

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        app.Clock.Reset(Billing.AfterNovember);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ARun_BillsReadAndEstimatedAccounts_SkipsThoseWithoutAMeter_AndPostsOneChargeEach()
    {
        await Billing.AccountAsync(app, _scenario, "7100000001", novemberTotal: 1850.5m, debt: 120.40m);
        await Billing.AccountAsync(app, _scenario, "7100000002", novemberTotal: null);
        await Billing.AccountAsync(app, _scenario, "7100000003", novemberTotal: null, meter: false);
        await Billing.AccountAsync(app, _scenario, "7100000004", novemberTotal: 1700m);
        // October bills the 600 kWh since the installation; November is the first with an estimate.
        var october = await Billing.RunAsync(app, "2026-10");
        Assert.Equal(0, october.Failed);

        var run = await Billing.RunAsync(app, "2026-11");

        Assert.Equal(("completed", 0), (run.Status, run.Failed));
        Assert.True(run.Billed >= 3 && run.Estimated >= 1 && run.Skipped >= 1, run.ToString());
        Assert.NotNull(run.StartedAt);
        Assert.NotNull(run.FinishedAt);

        var read = await (await app.Admin().GetAsync("/api/v1/accounts/7100000001/bills/2026-11")).ReadAsync<BillBody>(HttpStatusCode.OK);
        // 250,5 × 4,32 = 1082,16 on top of the 120,40 brought over and October's 600 × 4,32 = 2592,00.
        Assert.Equal(new BillBody("7100000001", "2026-11", false, 250.5m, null!, 1082.16m, 2712.40m, 0m, 3794.56m, "2026-12-20", null) with { Lines = null! }, read with { Lines = null! });
        Assert.Equal([new BillLineBody("energy", "total", 250.5m, 4.32m, 1082.16m)], read.Lines);

        // 1 Sep → 31 Oct: 600 kWh in 60 days, so November's 30 days are estimated at 300 kWh.
        var estimated = await (await app.Admin().GetAsync("/api/v1/accounts/7100000002/bills/2026-11")).ReadAsync<BillBody>(HttpStatusCode.OK);
        Assert.Equal((true, 300m, 1296.00m, "averageDaily", 10m), (estimated.Estimated, estimated.Kwh, estimated.Amount, estimated.Estimate!.Method,
            estimated.Estimate.AverageDailyKwh));

        var balance = await app.InDatabaseAsync(db => db.Set<AccountBalance>().AsNoTracking().SingleAsync(b => b.AccountNumber == AccountNumber.Parse("7100000001")));
        Assert.Equal(3794.56m, balance.Balance.Amount);
        var bills = await Billing.BillsAsync(app);
        Assert.Equal(bills.Count(b => b.LedgerEntryId is not null), await Billing.BillChargesAsync(app));
        Assert.Equal("bill_not_found", (await (await app.Admin().GetAsync("/api/v1/accounts/7100000003/bills/2026-11")).ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task ARerun_BillsOnlyTheAccountsStillWithoutABill()
    {
        await Billing.AccountAsync(app, _scenario, "7100000011", novemberTotal: 1800m);
        await Billing.AccountAsync(app, _scenario, "7100000012", novemberTotal: 1700m);
        var first = await Billing.RunAsync(app, "2026-11");
        Assert.True(first.Billed >= 2, first.ToString());
        var before = (await Billing.BillsAsync(app)).Count;
        await Billing.AccountAsync(app, _scenario, "7100000013", novemberTotal: 1650m);

        var rerun = await Billing.RunAsync(app, "2026-11");

        Assert.Equal(("completed", 1, 0), (rerun.Status, rerun.Billed, rerun.Failed));
        Assert.Equal(rerun.Accounts - 1, rerun.Skipped);
        var bills = await Billing.BillsAsync(app);
        Assert.Equal(before + 1, bills.Count);
        Assert.Equal(bills.Count, bills.Select(b => (b.AccountNumber, b.Period)).Distinct().Count());
        Assert.Equal(bills.Count(b => b.LedgerEntryId is not null), await Billing.BillChargesAsync(app));
    }

    [Fact]
    public async Task BillsAndConsumption_ReadTheSameForTheCustomerAndStaff_AndOthersAccountsAreNotFound()
    {
        await Billing.AccountAsync(app, _scenario, "7100000021", novemberTotal: 1900m);
        await Billing.AccountAsync(app, _scenario, "7100000022", novemberTotal: 1700m);
        await Billing.RunAsync(app, "2026-11");
        var customer = await _logins.SignedInAsync("bills@example.com");
        await customer.LinkedAsync("7100000021", "Шевченко", "62Z100000000001Z");

        var own = await customer.GetFromJsonAsync<List<BillBody>>("/api/v1/me/accounts/7100000021/bills", Json.Options);
        var staff = await app.Admin().GetFromJsonAsync<List<BillBody>>("/api/v1/accounts/7100000021/bills", Json.Options);
        var one = await (await customer.GetAsync("/api/v1/me/accounts/7100000021/bills/2026-11")).ReadAsync<BillBody>(HttpStatusCode.OK);
        var consumption = await customer.GetFromJsonAsync<List<ConsumptionBody>>("/api/v1/me/accounts/7100000021/consumption?months=24", Json.Options);
        var staffConsumption = await app.Admin().GetFromJsonAsync<List<ConsumptionBody>>("/api/v1/accounts/7100000021/consumption", Json.Options);

        // The first bill counts everything since the installation: 1000 → 1900.
        Assert.Equal(900m, Assert.Single(own!).Kwh);
        Assert.Equal(own![0] with { Lines = null! }, staff![0] with { Lines = null! });
        Assert.Equal(own[0].Lines, staff[0].Lines);
        Assert.Equal(own[0].Lines, one.Lines);
        var month = Assert.Single(consumption!);
        Assert.Equal(("2026-11", 900m, false, 3888.00m), (month.Period, month.Kwh, month.Estimated, month.Amount));
        Assert.Equal(new Dictionary<string, decimal> { ["total"] = 900m }, month.Zones);
        Assert.Equal(month with { Zones = null! }, Assert.Single(staffConsumption!) with { Zones = null! });

        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync("/api/v1/me/accounts/7100000022/bills")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync("/api/v1/me/accounts/7100000022/consumption")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.GetAsync("/api/v1/me/accounts/7100000021/bills/2026-13")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync("/api/v1/me/accounts/7100000022/bills/2026-11.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.GetAsync("/api/v1/me/accounts/7100000021/consumption?months=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/accounts/7100000021/bills")).StatusCode);
    }

    [Fact]
    public async Task TheBillVerb_BillsAnEndedPeriod_AndRefusesOneNotEnded_AsTheApiDoes()
    {
        await Billing.AccountAsync(app, _scenario, "7100000031", novemberTotal: 1800m);
        var refused = new StringWriter();
        Assert.Equal(1, await BillCommand.RunAsync(app.Services, "2099-01", refused, CancellationToken.None));
        Assert.Contains("ще не закінчився", refused.ToString(), StringComparison.Ordinal);

        var billed = new StringWriter();
        Assert.Equal(0, await BillCommand.RunAsync(app.Services, "2026-11", billed, CancellationToken.None));
        Assert.Contains("completed", billed.ToString(), StringComparison.Ordinal);
        Assert.Contains(await Billing.BillsAsync(app), b => b.AccountNumber.Value == "7100000031" && b.Period.ToString() == "2026-11");
    }

    [Fact]
    public async Task ARun_IsRefusedForAPeriodNotYetEnded_OrNotAPeriod_AndAnUnknownRunIsNotFound()
    {
        var early = await app.Admin().PostAsJsonAsync("/api/v1/billing-runs", new { period = "2026-12" });
        var malformed = await app.Admin().PostAsJsonAsync("/api/v1/billing-runs", new { period = "11.2026" });

        Assert.Equal("period_not_ended", (await early.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);
        Assert.Contains("period", (await malformed.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().GetAsync($"/api/v1/billing-runs/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/billing-runs", new { period = "2026-11" })).StatusCode);
    }
}

public sealed class BillingRunApiOnSqlite(BillingSqliteApp app) : BillingRunApiTests(app), IClassFixture<BillingSqliteApp>;

public sealed class BillingRunApiOnPostgres(BillingPostgresApp app) : BillingRunApiTests(app), IClassFixture<BillingPostgresApp>;

/// <summary>
/// A run whose batch was claimed by an instance that died: once the lease lapses another instance claims it, bills
/// what is missing and leaves what the dead one wrote; and two instances on one PostgreSQL share a run.
/// </summary>
public abstract class BillingRunResumeTests(DatabaseProvider provider) : IAsyncLifetime, IDisposable
{
    private readonly BillingApp _app = new(provider, workers: 0);

    public async Task InitializeAsync()
    {
        await new Scenario(_app).RegisterDsoAsync();
        _app.Clock.Reset(Billing.AfterNovember);
        var scenario = new Scenario(_app);
        for (var i = 1; i <= 7; i++)
        {
            await Billing.AccountAsync(_app, scenario, $"72000000{i:00}", novemberTotal: 1600m + (i * 10));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose()
    {
        _app.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AnExpiredLeaseOnAHalfDoneBatch_IsClaimedAgain_AndEveryAccountIsBilledOnce()
    {
        var runner = _app.Services.GetRequiredService<BillingRunner>();
        var run = await runner.QueueAsync(BillingPeriod.Of(2026, 11), "test", CancellationToken.None);
        await runner.PlanQueuedAsync(CancellationToken.None);
        // The dead instance claimed a batch (whichever the claim gave it) and billed its first account before it died.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var claimed = await scope.ServiceProvider.GetRequiredService<BillingRunBatchClaims>()
                .ClaimDueAsync("dead", _app.Clock.GetCurrentInstant(), Duration.FromSeconds(300), 1, CancellationToken.None);
            Assert.Single(claimed);
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var lone = scope.ServiceProvider.GetRequiredService<BatchBilling>();
            var dead = await _app.InDatabaseAsync(db => db.Set<BillingRunBatch>().AsNoTracking().SingleAsync(b => b.ClaimedBy == "dead"));
            await _app.InDatabaseAsync(db => db.Set<BillingRunBatch>().Where(b => b.Id == dead.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ToAccount, dead.FromAccount)));
            Assert.True(await lone.BillAsync(dead.Id, "dead", CancellationToken.None));
            await _app.InDatabaseAsync(db => db.Set<BillingRunBatch>().Where(b => b.Id == dead.Id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ToAccount, dead.ToAccount).SetProperty(b => b.CompletedAt, (Instant?)null)));
            Assert.Single(await Billing.BillsAsync(_app));
        }

        // While the lease holds, nobody else takes the dead instance's batch.
        while (await runner.BillNextBatchAsync("survivor", CancellationToken.None))
        {
        }

        Assert.Equal("running", (await _app.Admin().GetFromJsonAsync<RunBody>($"/api/v1/billing-runs/{run.Id}", Json.Options))!.Status);
        _app.Clock.Advance(Duration.FromSeconds(301));
        while (await runner.BillNextBatchAsync("survivor", CancellationToken.None))
        {
        }

        var ended = await Billing.FollowAsync(_app, run.Id);
        Assert.Equal(("completed", 7, 7, 0), (ended.Status, ended.Accounts, ended.Billed, ended.Failed));
        var bills = await Billing.BillsAsync(_app);
        Assert.Equal(7, bills.Count);
        Assert.Equal(7, bills.Select(b => b.AccountNumber).Distinct().Count());
        Assert.Equal(7, await Billing.BillChargesAsync(_app));
    }
}

public sealed class BillingRunResumeOnSqlite() : BillingRunResumeTests(DatabaseProvider.Sqlite);

public sealed class BillingRunResumeOnPostgres() : BillingRunResumeTests(DatabaseProvider.Postgres);

/// <summary>Two instances on one PostgreSQL database bill one run together, batch by batch, and no account twice.</summary>
public sealed class BillingRunTwoInstancesOnPostgres : IAsyncLifetime, IDisposable
{
    private readonly BillingApp _first = new(DatabaseProvider.Postgres, workers: 0);
    private BillingApp _second = null!;

    public async Task InitializeAsync()
    {
        _first.CreateClient().Dispose();
        _second = new BillingApp(DatabaseProvider.Postgres, workers: 0) { SharedConnectionString = _first.ConnectionString };
        _second.CreateClient().Dispose();
        var scenario = new Scenario(_first);
        await scenario.RegisterDsoAsync();
        _first.Clock.Reset(Billing.AfterNovember);
        _second.Clock.Reset(Billing.AfterNovember);
        for (var i = 1; i <= 30; i++)
        {
            await Billing.AccountAsync(_first, scenario, $"73000000{i:00}", novemberTotal: i % 3 == 0 ? null : 1600m + i);
        }
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    public void Dispose()
    {
        _second?.Dispose();
        _first.Dispose();
    }

    [Fact]
    public async Task TwoInstances_ShareOneRun_AndBillEveryAccountOnce()
    {
        var run = await _first.Services.GetRequiredService<BillingRunner>().QueueAsync(BillingPeriod.Of(2026, 11), "test", CancellationToken.None);

        await Task.WhenAll(new[] { _first, _second }.SelectMany((app, i) => Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var runner = app.Services.GetRequiredService<BillingRunner>();
            await runner.PlanQueuedAsync(CancellationToken.None);
            while (await runner.BillNextBatchAsync($"instance-{i}:{w}", CancellationToken.None))
            {
            }
        }))));

        var ended = await Billing.FollowAsync(_second, run.Id);
        Assert.Equal(("completed", 30, 30, 0, 0, 0), (ended.Status, ended.Accounts, ended.Billed, ended.Estimated, ended.Skipped, ended.Failed));
        var bills = await Billing.BillsAsync(_first);
        Assert.Equal(30, bills.Select(b => b.AccountNumber).Distinct().Count());
        Assert.Equal(30, bills.Count);
        Assert.Equal(30, await Billing.BillChargesAsync(_first));
        var owners = await _first.InDatabaseAsync(db => db.Set<BillingRunBatch>().Where(b => b.RunId == run.Id).Select(b => b.ClaimedBy).Distinct().ToListAsync());
        Assert.Contains(owners, o => o!.StartsWith("instance-0", StringComparison.Ordinal));
        Assert.Contains(owners, o => o!.StartsWith("instance-1", StringComparison.Ordinal));
    }
}
