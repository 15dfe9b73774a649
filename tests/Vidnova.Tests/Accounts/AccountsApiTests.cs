using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Dso.WorkOrders;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Accounts;

/// <summary>The account API: what an account owes, its opening-balance import and who may change its supply state.</summary>
public abstract class AccountsApiTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);

    public Task InitializeAsync() => _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_WhenTheAccountIsUnknown_IsNotFoundWithACode()
    {
        var response = await app.Admin().GetAsync("/api/v1/accounts/8000000099");

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.NotFound);
        Assert.Equal("account_not_found", problem.Code);
        Assert.Contains("8000000099", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutTheAdminKey_IsUnauthorized() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/accounts/8000000001")).StatusCode);

    [Fact]
    public async Task Get_ShowsTheBalanceDebtAndSupplyStateAsThePutAnswers()
    {
        await _scenario.PutAccountAsync("8000000001", debt: 100m);
        await PayAsync("8000000001", 30m, "r-8000000001");

        var account = await (await app.Admin().GetAsync("/api/v1/accounts/8000000001")).ReadAsync<AccountBody>(HttpStatusCode.OK);

        Assert.Equal(new AccountBody("8000000001", "Шевченко Тарас Григорович", "62Z100000000001Z", Scenario.DsoCode, "disconnected_for_debt", 70m, 70m, "household"), account);
    }

    [Fact]
    public async Task Get_WhenOverpaid_ShowsANegativeBalanceAndNoDebt()
    {
        await _scenario.PutAccountAsync("8000000002", debt: 10m);
        await PayAsync("8000000002", 15m, "r-8000000002");

        var account = await (await app.Admin().GetAsync("/api/v1/accounts/8000000002")).ReadAsync<AccountBody>(HttpStatusCode.OK);

        Assert.Equal((-5m, 0m), (account.Balance, account.Debt));
    }

    [Fact]
    public async Task Put_WithoutSupplyStatus_KeepsTheSupplyState()
    {
        await _scenario.PutAccountAsync("8000000003", supplyStatus: "disconnected_for_debt");

        var updated = await (await app.Admin().PutAsJsonAsync("/api/v1/accounts/8000000003", Body(holderName: "Шевченко Тарас Григорович (оновлено)")))
            .ReadAsync<AccountBody>(HttpStatusCode.OK);

        Assert.Equal("disconnected_for_debt", updated.SupplyStatus);
    }

    [Fact]
    public async Task Put_OfANewAccountWithoutSupplyStatus_IsConnected()
    {
        var created = await (await app.Admin().PutAsJsonAsync("/api/v1/accounts/8000000004", Body())).ReadAsync<AccountBody>(HttpStatusCode.Created);

        Assert.Equal("connected", created.SupplyStatus);
        Assert.Equal(0, await CorrectionsAsync("8000000004"));
    }

    [Fact]
    public async Task Put_SendingSupplyStatus_IsACorrectionRecordedWithWhoWhenFromAndTo()
    {
        await _scenario.PutAccountAsync("8000000005", supplyStatus: "connected");
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 9, 0));

        var corrected = await (await app.Admin().PutAsJsonAsync("/api/v1/accounts/8000000005", Body(supplyStatus: "disconnected_for_debt")))
            .ReadAsync<AccountBody>(HttpStatusCode.OK);
        var repeated = await app.Admin().PutAsJsonAsync("/api/v1/accounts/8000000005", Body(supplyStatus: "disconnected_for_debt"));

        Assert.Equal("disconnected_for_debt", corrected.SupplyStatus);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        var correction = Assert.Single(await app.InDatabaseAsync(db => db.Set<SupplyStatusCorrection>().AsNoTracking()
            .Where(c => c.AccountNumber == AccountNumber.Parse("8000000005")).ToListAsync()));
        Assert.Equal((SupplyStatus.Connected, SupplyStatus.DisconnectedForDebt, "api-key", Instant.FromUtc(2026, 11, 25, 9, 0)),
            (correction.From, correction.To, correction.CorrectedBy, correction.CorrectedAt));
    }

    [Fact]
    public async Task Put_WithAnUnknownSupplyStatus_IsRefusedNamingTheField()
    {
        var response = await app.Admin().PutAsJsonAsync("/api/v1/accounts/8000000006", Body(supplyStatus: "off"));

        Assert.Equal(["supplyStatus"], (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task Put_RepeatingTheDebtBeforeOtherEntries_ReplacesTheOpeningBalance()
    {
        await _scenario.PutAccountAsync("8000000007", debt: 500m);
        await _scenario.PutAccountAsync("8000000007", debt: 300m);

        var account = await (await app.Admin().GetAsync("/api/v1/accounts/8000000007")).ReadAsync<AccountBody>(HttpStatusCode.OK);

        Assert.Equal((300m, 300m), (account.Debt, account.Balance));
    }

    [Fact]
    public async Task Put_WithADifferentDebtOnceAPaymentIsBooked_IsRefusedAsLocked_AndChangesNothing()
    {
        await _scenario.PutAccountAsync("8000000008", debt: 500m);
        await PayAsync("8000000008", 200m, "r-8000000008");

        var refused = await app.Admin().PutAsJsonAsync("/api/v1/accounts/8000000008", Body(debt: 500m, holderName: "Інше Ім'я"));
        var english = new HttpRequestMessage(HttpMethod.Put, "/api/v1/accounts/8000000008") { Content = JsonContent.Create(Body(debt: 0m)) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var refusedInEnglish = await app.Admin().SendAsync(english);
        var sameDebt = await app.Admin().PutAsJsonAsync("/api/v1/accounts/8000000008", Body(debt: 300m));

        var problem = await refused.ReadAsync<Problem>(HttpStatusCode.Conflict);
        Assert.Equal("opening_balance_locked", problem.Code);
        Assert.Contains("debt", problem.Detail, StringComparison.Ordinal);
        Assert.StartsWith("The opening balance", (await refusedInEnglish.ReadAsync<Problem>(HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        Assert.Equal(300m, (await sameDebt.ReadAsync<AccountBody>(HttpStatusCode.OK)).Debt);
        var account = await (await app.Admin().GetAsync("/api/v1/accounts/8000000008")).ReadAsync<AccountBody>(HttpStatusCode.OK);
        Assert.Equal(("Шевченко Тарас Григорович", 300m), (account.HolderName, account.Debt));
    }

    [Fact]
    public async Task WorkOrderEvents_MoveTheSupplyState_AsTheGetShows()
    {
        await _scenario.PutAccountAsync("8000000009", supplyStatus: "connected");

        await ReportAsync("8000000009", WorkOrderKind.Disconnection, WorkOrderStatus.Pending);
        Assert.Equal("disconnection_ordered", await SupplyStatusAsync("8000000009"));
        await ReportAsync("8000000009", WorkOrderKind.Disconnection, WorkOrderStatus.Completed);
        Assert.Equal("disconnected_for_debt", await SupplyStatusAsync("8000000009"));
        await ReportAsync("8000000009", WorkOrderKind.Restoration, WorkOrderStatus.Pending);
        Assert.Equal("restoration_ordered", await SupplyStatusAsync("8000000009"));
        await ReportAsync("8000000009", WorkOrderKind.Restoration, WorkOrderStatus.Received);
        Assert.Equal("restoration_ordered", await SupplyStatusAsync("8000000009"));
        await ReportAsync("8000000009", WorkOrderKind.Restoration, WorkOrderStatus.Completed);
        Assert.Equal("connected", await SupplyStatusAsync("8000000009"));
        Assert.Equal(0, await CorrectionsAsync("8000000009"));
    }

    [Fact]
    public async Task PaymentsAtOnce_OnOneAccount_AllCountInTheBalance()
    {
        await _scenario.PutAccountAsync("8000000010", debt: 100m);

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => app.Admin().PostAsJsonAsync("/api/v1/payments",
            new { accountNumber = "8000000010", amount = 10m, paidAt = "2026-11-25T07:00:00Z", channel = "bank", reference = $"race-{i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var account = await (await app.Admin().GetAsync("/api/v1/accounts/8000000010")).ReadAsync<AccountBody>(HttpStatusCode.OK);
        Assert.Equal(60m, account.Debt);
    }

    private static object Body(string? supplyStatus = null, decimal? debt = null, string holderName = "Шевченко Тарас Григорович") => new
    {
        holderName,
        address = "м. Київ, вул. Хрещатик, 1, кв. 5",
        eic = "62Z100000000001Z",
        settlement = "city",
        dsoCode = Scenario.DsoCode,
        supplyStatus,
        debt,
    };

    private async Task PayAsync(string account, decimal amount, string reference) =>
        (await app.Admin().PostAsJsonAsync("/api/v1/payments",
            new { accountNumber = account, amount, paidAt = "2026-11-25T07:00:00Z", channel = "bank", reference })).EnsureSuccessStatusCode();

    private async Task<string> SupplyStatusAsync(string account) =>
        (await (await app.Admin().GetAsync($"/api/v1/accounts/{account}")).ReadAsync<AccountBody>(HttpStatusCode.OK)).SupplyStatus;

    private Task<int> CorrectionsAsync(string account) =>
        app.InDatabaseAsync(db => db.Set<SupplyStatusCorrection>().CountAsync(c => c.AccountNumber == AccountNumber.Parse(account)));

    /// <summary>What the DSO module does when a work order changes: every observer, in one unit of work, then one save.</summary>
    private async Task ReportAsync(string account, WorkOrderKind kind, WorkOrderStatus status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var change = new WorkOrderChanged(Guid.NewGuid(), kind, DsoCode.Parse(Scenario.DsoCode), AccountNumber.Parse(account), Guid.NewGuid(),
            status, app.Clock.GetCurrentInstant(), null, null, $"dso:{Scenario.DsoCode}");
        foreach (var observer in scope.ServiceProvider.GetServices<IWorkOrderObserver>())
        {
            await observer.OnWorkOrderChangedAsync(change, CancellationToken.None);
        }

        await scope.ServiceProvider.GetRequiredService<VidnovaDbContext>().SaveChangesAsync();
    }

    private sealed record AccountBody(string AccountNumber, string HolderName, string Eic, string DsoCode, string SupplyStatus, decimal Debt, decimal Balance, string Kind);
}

public sealed class AccountsApiOnSqlite(SqliteApp app) : AccountsApiTests(app), IClassFixture<SqliteApp>;

public sealed class AccountsApiOnPostgres(PostgresApp app) : AccountsApiTests(app), IClassFixture<PostgresApp>;
