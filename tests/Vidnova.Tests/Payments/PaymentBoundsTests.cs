using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Ledger;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Payments;

/// <summary>A payment is booked only when its amount and moment are believable; a refusal names the field and books nothing.</summary>
public abstract class PaymentBoundsTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();

        // Once: a payment booked by an earlier test locks the opening balance, so the debt is imported only the first time.
        if ((await app.Admin().GetAsync("/api/v1/accounts/4000000001")).StatusCode == HttpStatusCode.NotFound)
        {
            await _scenario.PutAccountAsync("4000000001", debt: 100m);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("10000000.01")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10.001")]
    public async Task PostPayment_WithAnAmountOutOfBounds_IsRefusedNamingTheAmount(string amount)
    {
        var response = await PostAsync($$"""{"accountNumber":"4000000001","amount":{{amount}},"paidAt":"2026-11-25T07:00:00Z","channel":"bank","reference":"r-{{amount}}"}""");

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal(["amount"], problem.Errors!.Keys);
        Assert.Equal(0, await PaymentsAsync($"r-{amount}"));
    }

    [Fact]
    public async Task PostPayment_OfTheMaximum_IsBooked()
    {
        await _scenario.PutAccountAsync("4000000002", debt: 10_000_000m);

        var response = await PostAsync("""{"accountNumber":"4000000002","amount":10000000.00,"paidAt":"2026-11-25T07:00:00Z","channel":"bank","reference":"max"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("2026-11-25T09:00:00Z")] // an hour after the host's clock
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2018-12-31T21:59:59Z")] // before the retail electricity market opened (midnight in Kyiv)
    public async Task PostPayment_PaidInTheFutureOrLongBeforeTheMarket_IsRefusedNamingPaidAt(string paidAt)
    {
        var response = await PostAsync($$"""{"accountNumber":"4000000001","amount":10.00,"paidAt":"{{paidAt}}","channel":"bank","reference":"t-{{paidAt}}"}""");

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal(["paidAt"], problem.Errors!.Keys);
        Assert.Equal(0, await PaymentsAsync($"t-{paidAt}"));
    }

    [Fact]
    public async Task PostPayment_PaidAMinuteAheadOfOurClock_IsBookedAsClockSkew()
    {
        var response = await PostAsync("""{"accountNumber":"4000000001","amount":10.00,"paidAt":"2026-11-25T08:01:00Z","channel":"bank","reference":"skew"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task UpsertAccount_WithAnAbsurdDebt_IsRefusedNamingTheDebt()
    {
        var response = await app.Admin().PutAsJsonAsync("/api/v1/accounts/4000000003", new
        {
            holderName = "Шевченко Тарас",
            address = "м. Київ",
            eic = "62Z100000000001Z",
            settlement = "city",
            dsoCode = Scenario.DsoCode,
            supplyStatus = "disconnected_for_debt",
            debt = 79228162514264337593543950335m,
        });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal(["debt"], problem.Errors!.Keys);
    }

    [Fact]
    public async Task UpsertDso_WithAnAbsurdRestorationPrice_IsRefusedNamingThePrice()
    {
        var response = await app.Admin().PutAsJsonAsync("/api/v1/dsos/absurd-price", new
        {
            name = "ОСР",
            edrpou = Scenario.DsoEdrpou,
            iban = Scenario.DsoIban,
            restorationPrice = 79228162514264337593543950335m,
        });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal(["restorationPrice"], problem.Errors!.Keys);
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        app.Admin().PostAsync("/api/v1/payments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    private Task<int> PaymentsAsync(string reference) =>
        app.InDatabaseAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Reference == reference));
}

public sealed class PaymentBoundsOnSqlite(SqliteApp app) : PaymentBoundsTests(app), IClassFixture<SqliteApp>;

public sealed class PaymentBoundsOnPostgres(PostgresApp app) : PaymentBoundsTests(app), IClassFixture<PostgresApp>;
