using System.Net;
using System.Net.Http.Json;
using Vidnova.Tests.Customers;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Cabinet;

/// <summary>The personal account's reads over <c>/api/v1/me/accounts</c>, and who may see what.</summary>
public abstract class CabinetApiTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);
    private readonly CustomerLogins _logins = new(app);

    public Task InitializeAsync() => _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheList_ShowsEachLinkedAccount_WithItsBalanceDebtSupplyAndOpenApplication()
    {
        await _scenario.PutAccountAsync("5200000001", eic: "62Z200000000001M");
        await _scenario.PutAccountAsync("5200000002", debt: 250.75m, supplyStatus: "connected", eic: "62Z200000000002K");
        var applied = await _scenario.ApplyAsync("5200000001");
        var customer = await _logins.SignedInAsync("list@example.com");
        await customer.LinkedAsync("5200000002", "Шевченко", "62Z200000000002K");
        app.Clock.Advance(NodaTime.Duration.FromMinutes(1));
        await customer.LinkedAsync("5200000001", "Шевченко", "62Z200000000001M");

        var accounts = await customer.GetFromJsonAsync<AccountItem[]>("/api/v1/me/accounts", Json.Options);

        Assert.Equal(
            [
                new AccountItem("5200000002", "м. Київ, вул. Хрещатик, 1, кв. 5", 250.75m, 250.75m, "connected", null),
                new AccountItem("5200000001", "м. Київ, вул. Хрещатик, 1, кв. 5", 0m, 0m, "disconnected_for_debt",
                    new OpenApplication(applied.Id, applied.Number, "awaiting_email_confirmation")),
            ],
            accounts!);
    }

    [Fact]
    public async Task OneAccount_ShowsItsHolderEicDsoSettlementAndKind()
    {
        await _scenario.PutAccountAsync("5200000003", holder: "Мельник Ганна Іванівна", settlement: "rural", eic: "62Z200000000003I");
        var customer = await _logins.SignedInAsync("details@example.com");
        await customer.LinkedAsync("5200000003", "Мельник", "62Z200000000003I");

        var account = await customer.GetFromJsonAsync<AccountDetails>("/api/v1/me/accounts/5200000003", Json.Options);

        Assert.Equal(new AccountDetails("5200000003", "м. Київ, вул. Хрещатик, 1, кв. 5", 0m, 0m, "disconnected_for_debt", null,
            "Мельник Ганна Іванівна", "62Z200000000003I", "ПрАТ «ДТЕК Київські електромережі»", "rural", "household"), account);
    }

    /// <summary>Two customers with two accounts each: every <c>/me</c> call about the other's account is a 404, as for one that does not exist.</summary>
    [Fact]
    public async Task AccessMatrix_EachCustomerSeesOnlyItsOwnAccounts_AndNobodyWithoutAToken()
    {
        string[] olenasAccounts = ["5200000011", "5200000012"];
        string[] tarasAccounts = ["5200000021", "5200000022"];
        foreach (var number in olenasAccounts.Concat(tarasAccounts))
        {
            await _scenario.PutAccountAsync(number, debt: 10m, eic: "62Z200000000001M");
        }

        var olena = await _logins.SignedInAsync("matrix-olena@example.com");
        var taras = await _logins.SignedInAsync("matrix-taras@example.com");
        foreach (var (customer, number) in olenasAccounts.Select(n => (olena, n)).Concat(tarasAccounts.Select(n => (taras, n))))
        {
            await customer.LinkedAsync(number, "Шевченко", "62Z200000000001M");
            app.Clock.Advance(NodaTime.Duration.FromMinutes(1));
        }

        var olenaId = await LoginIdAsync(olena, olenasAccounts[0]);
        var tarasId = await LoginIdAsync(taras, tarasAccounts[0]);
        var refused = new List<string>();
        foreach (var (customer, others, otherId) in new[] { (olena, tarasAccounts, tarasId), (taras, olenasAccounts, olenaId) })
        {
            Assert.Equal(customer == olena ? olenasAccounts : tarasAccounts,
                (await customer.GetFromJsonAsync<AccountItem[]>("/api/v1/me/accounts", Json.Options))!.Select(a => a.AccountNumber));
            foreach (var number in others.Append("5200000099").Append("not-a-number"))
            {
                foreach (var request in PerAccountRequests(number, otherId))
                {
                    var response = await customer.SendAsync(request());
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.NotFound || !body.Contains("\"account_not_found\"", StringComparison.Ordinal))
                    {
                        refused.Add($"{request().Method} {request().RequestUri} → {(int)response.StatusCode} {body}");
                    }
                }
            }
        }

        Assert.True(refused.Count == 0, string.Join("\n", refused));
        foreach (var number in olenasAccounts.Concat(tarasAccounts))
        {
            Assert.Equal(HttpStatusCode.OK, (await (number.StartsWith("520000001", StringComparison.Ordinal) ? olena : taras)
                .GetAsync($"/api/v1/me/accounts/{number}")).StatusCode);
        }

        var anonymous = app.CreateClient();
        var expired = app.Customer("not-a-token");
        foreach (var request in PerAccountRequests(olenasAccounts[0], olenaId)
                     .Append(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/accounts"))
                     .Append(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/accounts")
                     {
                         Content = JsonContent.Create(AccountLinking.Proof(olenasAccounts[0], "Шевченко", "62Z200000000001M")),
                     }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request())).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await expired.SendAsync(request())).StatusCode);
        }
    }

    [Fact]
    public async Task ThePages_ShowOnlyTheLoginsOwnAccounts_AndSendStrangersToSignIn()
    {
        await _scenario.PutAccountAsync("5200000031", eic: "62Z200000000001M");
        await _scenario.PutAccountAsync("5200000032", eic: "62Z200000000001M");
        await (await _logins.SignedInAsync("pages-owner@example.com")).LinkedAsync("5200000031", "Шевченко", "62Z200000000001M");
        await _logins.RegisterAsync("pages-other@example.com");
        await _logins.ConfirmAsync("pages-other@example.com");
        var other = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await other.PostAsJsonAsync("/api/v1/identity/login?useCookies=true", new { email = "pages-other@example.com", password = CustomerLogins.Password }))
            .EnsureSuccessStatusCode();
        var otherAccount = await other.LinkAsync("5200000032", "Шевченко", "62Z200000000001M");
        Assert.Equal(HttpStatusCode.Created, otherAccount.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/cabinet/accounts/5200000032")).StatusCode);
        var english = await other.GetStringAsync("/cabinet/accounts/5200000032?culture=en");
        Assert.Contains("Transactions", english, StringComparison.Ordinal);
        Assert.Contains("Download CSV", english, StringComparison.Ordinal);
        Assert.Contains("Who sees this account", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/cabinet/accounts/5200000031")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/cabinet/accounts/5200000031?handler=csv")).StatusCode);
        Assert.DoesNotContain("5200000031", await other.GetStringAsync("/cabinet"), StringComparison.Ordinal);
        var stranger = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/cabinet/accounts/5200000032");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/cabinet/sign-in", stranger.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaffKey_IsNotACustomer()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin().GetAsync("/api/v1/me/accounts")).StatusCode);
    }

    /// <summary>Every per-account call of the <c>/me</c> API, deletions last so the reads see the links.</summary>
    private static IEnumerable<Func<HttpRequestMessage>> PerAccountRequests(string number, Guid someLoginId) =>
    [
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me/accounts/{number}"),
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me/accounts/{number}/ledger"),
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me/accounts/{number}/ledger?from=2026-01-01&to=2026-12-31") { Headers = { { "Accept", "text/csv" } } },
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me/accounts/{number}/logins"),
        () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/me/accounts/{number}/logins/{someLoginId}"),
        () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/me/accounts/{number}"),
    ];

    private static async Task<Guid> LoginIdAsync(HttpClient customer, string number) =>
        (await customer.GetFromJsonAsync<LinkedLogin[]>($"/api/v1/me/accounts/{number}/logins", Json.Options))!.Single().LoginId;
}

public sealed class CabinetApiOnSqlite(SqliteApp app) : CabinetApiTests(app), IClassFixture<SqliteApp>;

public sealed class CabinetApiOnPostgres(PostgresApp app) : CabinetApiTests(app), IClassFixture<PostgresApp>;
