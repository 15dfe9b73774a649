using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Ledger;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Problems;

/// <summary>
/// Every text field has a stated maximum and refuses NUL and other control characters with a 400 naming the field —
/// the same on SQLite and PostgreSQL, which would otherwise fail with 22001 (too long) or 22021 (NUL).
/// </summary>
public abstract class TextFieldLimitsTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);
    private string _dsoKey = "";

    private static readonly string[] Kinds = ["long", "nul", "bell"];

    public static TheoryData<string> BadTexts => new(Kinds);

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        _dsoKey = await _scenario.IssueDsoKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task DecideReceipt_WithABadReason_IsRefusedNamingTheReasonAndKeepsTheReceipt(string kind)
    {
        var account = Account(1, kind);
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        (await _scenario.UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();

        var response = await app.Admin().PostAsJsonAsync($"/api/v1/restoration-applications/{application.Id}/receipt-decision",
            new { approve = false, reason = Bad(kind, 1001) });

        await AssertRefusedAsync(response, "reason");
        Assert.Equal("receipt_under_review", (await _scenario.GetAsync(application)).Status);
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task Cancel_WithABadReason_IsRefusedNamingTheReasonAndKeepsTheApplication(string kind)
    {
        var account = Account(2, kind);
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ApplyAsync(account);

        var response = await app.Customer(application.AccessToken!).PostAsJsonAsync(
            $"/api/v1/restoration-applications/{application.Id}/cancellation", new { reason = Bad(kind, 3000) });

        await AssertRefusedAsync(response, "reason");
        Assert.Equal("awaiting_email_confirmation", (await _scenario.GetAsync(application)).Status);
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task DsoEvent_RejectedWithABadReason_IsRefusedNamingTheReason(string kind)
    {
        var account = Account(3, kind);
        await _scenario.PutAccountAsync(account);
        var sent = await _scenario.SentToDsoAsync(account);

        var response = await app.WithApiKey(_dsoKey).PostAsJsonAsync($"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events",
            new { type = "rejected", occurredAt = "2026-11-25T07:30:00Z", reason = Bad(kind, 1001) });

        await AssertRefusedAsync(response, "reason");
        Assert.Equal("sent_to_dso", (await _scenario.GetAsAdminAsync(sent.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task UpsertAccount_WithABadHolderNameOrAddress_IsRefusedNamingBoth(string kind)
    {
        var account = Account(4, kind);

        var response = await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{account}", new
        {
            holderName = Bad(kind, 201),
            address = Bad(kind, 401),
            eic = "62Z100000000001Z",
            settlement = "city",
            dsoCode = Scenario.DsoCode,
            supplyStatus = "disconnected_for_debt",
            debt = 0m,
        });

        await AssertRefusedAsync(response, "holderName", "address");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Set<Vidnova.Accounts.PersonalAccount>().CountAsync(a => a.Number == Vidnova.Kernel.AccountNumber.Parse(account))));
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task UpsertDso_WithABadNameOrChannel_IsRefusedNamingThem(string kind)
    {
        var response = await app.Admin().PutAsJsonAsync($"/api/v1/dsos/bad-{kind}", new
        {
            name = Bad(kind, 201),
            edrpou = Scenario.DsoEdrpou,
            iban = Scenario.DsoIban,
            restorationPrice = 100m,
            channel = new { type = "webhook", url = "https://dso.example/" + Bad(kind, 500), secret = Bad(kind, 201) },
        });

        await AssertRefusedAsync(response, "name", "channel.url", "channel.secret");
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task PostPayment_WithABadChannelOrReference_IsRefusedNamingThemAndBooksNothing(string kind)
    {
        var account = Account(5, kind);
        await _scenario.PutAccountAsync(account, debt: 10m);

        var response = await app.Admin().PostAsJsonAsync("/api/v1/payments", new
        {
            accountNumber = account,
            amount = 10m,
            paidAt = "2026-11-25T07:00:00Z",
            channel = Bad(kind, 41),
            reference = Bad(kind, 101),
        });

        await AssertRefusedAsync(response, "channel", "reference");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Channel != null && e.AccountNumber == Vidnova.Kernel.AccountNumber.Parse(account))));
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task Apply_WithABadSurname_IsRefusedNamingTheSurname(string kind)
    {
        var account = Account(6, kind);
        await _scenario.PutAccountAsync(account);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications",
            Scenario.ApplicationFor(account, surname: Bad(kind, 201)));

        await AssertRefusedAsync(response, "holderSurname");
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task ListDsoRequests_WithABadStatusFilter_IsRefusedNamingTheStatus(string kind)
    {
        var response = await app.WithApiKey(_dsoKey).GetAsync("/api/v1/dso/restoration-requests?status=" + Uri.EscapeDataString(Bad(kind, 5000)));

        await AssertRefusedAsync(response, "status");
    }

    [Fact]
    public async Task Cancel_WithAReasonOnSeveralLines_IsAccepted()
    {
        await _scenario.PutAccountAsync("5000000901");
        var application = await _scenario.ApplyAsync("5000000901");

        var response = await app.Customer(application.AccessToken!).PostAsJsonAsync(
            $"/api/v1/restoration-applications/{application.Id}/cancellation", new { reason = "Передумав.\r\nЗаплачу пізніше.\tДякую" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LongField_InEnglish_SaysTheLimitInEnglish()
    {
        var client = app.Admin();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await client.PutAsJsonAsync("/api/v1/dsos/english", new
        {
            name = Bad("long", 201),
            edrpou = Scenario.DsoEdrpou,
            iban = Scenario.DsoIban,
            restorationPrice = 100m,
        });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Contains("200", problem.Errors!["name"][0], StringComparison.Ordinal);
        Assert.Contains("characters", problem.Errors!["name"][0], StringComparison.Ordinal);
    }

    /// <summary>A distinct account number per test and kind, so the tests of one class never share an application.</summary>
    private static string Account(int test, string kind) => $"50000{test:00}{Array.IndexOf(Kinds, kind):000}";

    private static string Bad(string kind, int length) => kind switch
    {
        "long" => new string('я', length),
        "nul" => "Шевченко\u0000Тарас",
        "bell" => "Шевченко\u0007",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static async Task AssertRefusedAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", problem.Code);
        foreach (var field in fields)
        {
            Assert.True(problem.Errors!.ContainsKey(field), $"{field} not named in {string.Join(", ", problem.Errors.Keys)}");
        }
    }
}

public sealed class TextFieldLimitsOnSqlite(SqliteApp app) : TextFieldLimitsTests(app), IClassFixture<SqliteApp>;

public sealed class TextFieldLimitsOnPostgres(PostgresApp app) : TextFieldLimitsTests(app), IClassFixture<PostgresApp>;
