using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Cabinet;

/// <summary>
/// An account's ledger in the cabinet: entries by Kyiv date with the running balance, which continues from the balance
/// before the period when <c>from</c> cuts the history; the same as a spreadsheet file.
/// </summary>
public abstract class CabinetLedgerTests(VidnovaApp app) : IAsyncLifetime
{
    private const string Account = "5300000001";
    private readonly Scenario _scenario = new(app);
    private HttpClient _customer = null!;

    /// <summary>
    /// 25 Nov: 100,00 brought over; 1 Dec: paid 30,00; 10 Dec 23:30 Kyiv: charged 45,50; 11 Dec 00:30 Kyiv (still
    /// 10 Dec in UTC): paid 15,50.
    /// </summary>
    public async Task InitializeAsync()
    {
        const string email = "ledger@example.com";
        var logins = new CustomerLogins(app);
        // Each test of the class shares its host: the history is written once.
        if ((await app.Admin().GetAsync($"/api/v1/accounts/{Account}")).StatusCode != HttpStatusCode.NotFound)
        {
            _customer = app.Customer((await logins.LoginAsync(email)).AccessToken);
            return;
        }

        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(Account, debt: 100m, eic: "62Z200000000001M");
        app.Clock.Reset(Instant.FromUtc(2026, 12, 25, 9, 0));
        await PayAsync(30m, "2026-12-01T10:00:00Z", "ledger-1");
        await ChargeAsync(45.50m, Instant.FromUtc(2026, 12, 10, 21, 30), "Рахунок за грудень");
        await PayAsync(15.50m, "2026-12-10T22:30:00Z", "ledger-2");
        _customer = await logins.SignedInAsync(email);
        await _customer.LinkedAsync(Account, "Шевченко", "62Z200000000001M");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheWholeLedger_StartsFromZero_AndRunsToTheBalance()
    {
        var ledger = await (await _customer.GetAsync($"/api/v1/me/accounts/{Account}/ledger")).ReadAsync<LedgerBody>(HttpStatusCode.OK);

        Assert.Equal((0m, 100m), (ledger.OpeningBalance, ledger.ClosingBalance));
        Assert.Equal(
            [
                new LedgerLine(new LocalDate(2026, 11, 25), "opening_balance", "Початкове сальдо з білінгу", 100m, 100m),
                new LedgerLine(new LocalDate(2026, 12, 1), "payment", "Оплата (bank)", -30m, 70m),
                new LedgerLine(new LocalDate(2026, 12, 10), "charge", "Рахунок за грудень", 45.50m, 115.50m),
                new LedgerLine(new LocalDate(2026, 12, 11), "payment", "Оплата (bank)", -15.50m, 100m),
            ],
            ledger.Entries);
    }

    [Fact]
    public async Task APeriod_TakesItsKyivDays_AndItsRunningBalanceContinuesFromTheBalanceBeforeIt()
    {
        var december = await (await _customer.GetAsync($"/api/v1/me/accounts/{Account}/ledger?from=2026-12-01&to=2026-12-10"))
            .ReadAsync<LedgerBody>(HttpStatusCode.OK);
        var after = await (await _customer.GetAsync($"/api/v1/me/accounts/{Account}/ledger?from=2026-12-11"))
            .ReadAsync<LedgerBody>(HttpStatusCode.OK);

        Assert.Equal((new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 10), 100m, 115.50m), (december.From, december.To, december.OpeningBalance, december.ClosingBalance));
        Assert.Equal([("payment", 70m), ("charge", 115.50m)], december.Entries.Select(e => (e.Kind, e.RunningBalance)));
        Assert.Equal((115.50m, 100m), (after.OpeningBalance, after.ClosingBalance));
        Assert.Equal([new LedgerLine(new LocalDate(2026, 12, 11), "payment", "Оплата (bank)", -15.50m, 100m)], after.Entries);
    }

    [Fact]
    public async Task AsCsv_ItIsTheSameLedger_InUtf8WithAByteOrderMark_AsAnAttachment()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me/accounts/{Account}/ledger?from=2026-12-01&to=2026-12-10");
        request.Headers.Add("Accept", "text/csv");

        var response = await _customer.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"vidnova-{Account}-2026-12-01-2026-12-10.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            [
                "Дата;Вид;Опис;Сума, грн;Сальдо, грн",
                "2026-12-01;Оплата;Оплата (bank);-30,00;70,00",
                "2026-12-10;Нарахування;Рахунок за грудень;45,50;115,50",
            ],
            Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task AsCsvInEnglish_ItSeparatesWithCommasAndDecimalPoints_AsAnEnglishExcelReadsIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me/accounts/{Account}/ledger?from=2026-12-11");
        request.Headers.Add("Accept", "text/csv");
        request.Headers.Add("Accept-Language", "en");

        var text = await (await _customer.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Equal(
            ["Date,Kind,Description,\"Amount, UAH\",\"Balance, UAH\"", "2026-12-11,Payment,Оплата (bank),-15.50,100.00"],
            text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=1899-12-31", "to")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=2026-12-10&to=2026-12-01", "to")]
    public async Task ABadDateOrAReversedPeriod_Is400NamingTheField(string query, string field)
    {
        var problem = await (await _customer.GetAsync($"/api/v1/me/accounts/{Account}/ledger?{query}")).ReadAsync<Problem>(HttpStatusCode.BadRequest);

        Assert.Equal("invalid_input", problem.Code);
        Assert.Equal([field], problem.Errors!.Keys);
    }

    private async Task PayAsync(decimal amount, string paidAt, string reference) =>
        (await app.Admin().PostAsJsonAsync("/api/v1/payments", new { accountNumber = Account, amount, paidAt, channel = "bank", reference }))
            .EnsureSuccessStatusCode();

    private async Task ChargeAsync(decimal amount, Instant at, string description)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ILedger>().ChargeAsync(AccountNumber.Parse(Account), Money.Uah(amount), at, description, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<VidnovaDbContext>().SaveChangesAsync();
    }
}

public sealed record LedgerLine(LocalDate Date, string Kind, string Description, decimal Amount, decimal RunningBalance);

public sealed record LedgerBody(string AccountNumber, LocalDate? From, LocalDate? To, decimal OpeningBalance, decimal ClosingBalance, LedgerLine[] Entries);

public sealed class CabinetLedgerOnSqlite(SqliteApp app) : CabinetLedgerTests(app), IClassFixture<SqliteApp>;

public sealed class CabinetLedgerOnPostgres(PostgresApp app) : CabinetLedgerTests(app), IClassFixture<PostgresApp>;
