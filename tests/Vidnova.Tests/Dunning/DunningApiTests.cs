using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dunning;

/// <summary>
/// The dunning process over HTTP with the fake clock: a case from the first warning to the DSO's disconnection, stopped
/// by a payment at each stage, by a court ruling before and after the date, and its dates across a holiday with and
/// without martial law. The opening balance (imported on 25.11.2026) is the overdue debt: DaysAfterDue is 0 here.
/// </summary>
public abstract class DunningApiTests : IAsyncLifetime
{
    /// <summary>Monday 14.12.2026, 09:00 in Kyiv: ten working days before 28.12 under martial law (25.12 is worked).</summary>
    private static readonly Instant FirstWarningMorning = Instant.FromUtc(2026, 12, 14, 7, 0);

    private readonly VidnovaApp _app;
    private readonly Scenario _scenario;
    private readonly CabinetCustomers _customers;
    private string _dsoKey = "";

    protected DunningApiTests(VidnovaApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
        _customers = new CabinetCustomers(app);
    }

    public async Task InitializeAsync()
    {
        _app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        await _scenario.RegisterDsoAsync();
        _dsoKey = await _scenario.IssueDsoKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACase_GoesFromTheFirstWarning_ToTheDsosDisconnection_WithDatedWarningsByEmailAndOnTheCabinet()
    {
        const string account = "7400000001";
        await AccountAsync(account, debt: 1000m, contactEmail: "holder-7400000001@example.com");
        var (customer, _) = await _customers.SignedInWithAsync("login-7400000001@example.com", account);

        _app.Clock.Reset(FirstWarningMorning);
        var first = await RunAsync();
        Assert.True(first.GetProperty("started").GetInt32() >= 1);
        var warned = await DunningAsync(account);
        Assert.Equal("warned", warned.GetProperty("state").GetString());
        Assert.Equal("2026-12-28T10:00:00", warned.GetProperty("plannedDisconnectionAt").GetString());
        Assert.Equal(1000m, warned.GetProperty("amount").GetDecimal());
        var firstWarnings = warned.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(["cabinet", "email", "email"], firstWarnings.Select(w => w.GetProperty("channel").GetString()).Order());
        Assert.All(firstWarnings, w => Assert.Equal("2026-12-28T10:00:00", w.GetProperty("disconnectionAt").GetString()));

        // The delivery proof: the outbox's sent time and the Message-ID the email went out with.
        var mail = await _app.Mail.WaitForAsync(m => m.To.Contains("holder-7400000001@example.com", StringComparison.Ordinal), "the first warning");
        Assert.Contains("28.12.2026 10:00", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("1 000,00 грн", mail.TextBody.Replace('\u00a0', ' ').Replace('\u202f', ' '), StringComparison.Ordinal);
        var sent = await Eventually.ValueAsync(async () =>
        {
            var warnings = (await DunningAsync(account)).GetProperty("warnings").EnumerateArray().ToList();
            return warnings.Where(w => w.GetProperty("channel").GetString() == "email").All(w => w.GetProperty("sentAt").ValueKind == JsonValueKind.String)
                ? warnings : null;
        }, TimeSpan.FromSeconds(20), () => "the warnings were not sent");
        Assert.Contains(sent, w => w.GetProperty("messageId").GetString() is { } id && mail.MessageId.Contains(id, StringComparison.Ordinal));

        // The customer sees the same on the cabinet's API.
        var own = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/accounts/{account}/dunning");
        Assert.Equal("warned", own.GetProperty("state").GetString());

        // Monday 21.12: five working days before the date, the second warning.
        _app.Clock.Reset(Instant.FromUtc(2026, 12, 21, 7, 0));
        await RunAsync();
        var scheduled = await DunningAsync(account);
        Assert.Equal("scheduled", scheduled.GetProperty("state").GetString());
        Assert.Contains(scheduled.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("sequence").GetInt32() == 2);

        // The date comes: the order goes to the DSO, which sees it among its disconnection orders.
        _app.Clock.Reset(Instant.FromUtc(2026, 12, 28, 8, 0));
        var ordering = await RunAsync();
        Assert.True(ordering.GetProperty("ordered").GetInt32() >= 1);
        Assert.Equal("disconnection_ordered", (await DunningAsync(account)).GetProperty("state").GetString());
        Assert.Equal("disconnection_ordered", await SupplyStatusAsync(account));
        var order = await DisconnectionOrderAsync(account);
        Assert.Equal("pending", order.GetProperty("status").GetString());

        var done = await _app.WithApiKey(_dsoKey).PostAsJsonAsync($"/api/v1/dso/work-orders/{order.GetProperty("id").GetGuid()}/events",
            new { type = "completed", occurredAt = _app.Clock.GetCurrentInstant().ToString() });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("disconnected", (await DunningAsync(account)).GetProperty("state").GetString());
        Assert.Equal("disconnected_for_debt", await SupplyStatusAsync(account));
    }

    [Fact]
    public async Task APayment_StopsTheCase_WhileWarned_WhileScheduled_AndAfterTheOrder_WhichIsCancelledAtTheDso()
    {
        await AccountAsync("7400000011", debt: 800m);
        await AccountAsync("7400000012", debt: 800m);
        await AccountAsync("7400000013", debt: 800m);
        _app.Clock.Reset(FirstWarningMorning);
        await RunAsync();

        await PayAsync("7400000011", 800m, "stop-warned");
        await RunAsync();
        var paidWhileWarned = await DunningAsync("7400000011");
        Assert.Equal("closed", paidWhileWarned.GetProperty("state").GetString());
        Assert.Equal("paid", paidWhileWarned.GetProperty("closeReason").GetString());

        _app.Clock.Reset(Instant.FromUtc(2026, 12, 21, 7, 0));
        await RunAsync();
        Assert.Equal("scheduled", (await DunningAsync("7400000012")).GetProperty("state").GetString());
        // Paying most of it leaves less than the threshold (200 UAH): the case ends.
        await PayAsync("7400000012", 700m, "stop-scheduled");
        await RunAsync();
        Assert.Equal("closed", (await DunningAsync("7400000012")).GetProperty("state").GetString());

        _app.Clock.Reset(Instant.FromUtc(2026, 12, 28, 8, 0));
        await RunAsync();
        Assert.Equal("disconnection_ordered", (await DunningAsync("7400000013")).GetProperty("state").GetString());
        var order = await DisconnectionOrderAsync("7400000013");
        await PayAsync("7400000013", 800m, "stop-ordered");
        await RunAsync();
        Assert.Equal("closed", (await DunningAsync("7400000013")).GetProperty("state").GetString());
        Assert.Equal("cancelled", (await DisconnectionOrderAsync("7400000013")).GetProperty("status").GetString());
        Assert.Equal("connected", await SupplyStatusAsync("7400000013"));

        // The DSO acting on the cancelled order is refused: the order is no longer its to carry out.
        var late = await _app.WithApiKey(_dsoKey).PostAsJsonAsync($"/api/v1/dso/work-orders/{order.GetProperty("id").GetGuid()}/events",
            new { type = "completed", occurredAt = _app.Clock.GetCurrentInstant().ToString() });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // Nothing reopens for the paid accounts.
        await RunAsync();
        Assert.Equal("closed", (await DunningAsync("7400000011")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ACourtRuling_BeforeTheDate_EndsTheCase_AndAfterIt_RestoresSupply()
    {
        await AccountAsync("7400000021", debt: 900m);
        await AccountAsync("7400000022", debt: 900m);
        _app.Clock.Reset(FirstWarningMorning);
        await RunAsync();

        var before = await RulingAsync("7400000021", "2026-12-11");
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal("disconnection_prevented", (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var stopped = await DunningAsync("7400000021");
        Assert.Equal("closed", stopped.GetProperty("state").GetString());
        Assert.Equal("court_dispute", stopped.GetProperty("closeReason").GetString());

        _app.Clock.Reset(Instant.FromUtc(2026, 12, 21, 7, 0));
        await RunAsync();
        _app.Clock.Reset(Instant.FromUtc(2026, 12, 28, 8, 0));
        await RunAsync();
        // While the dispute lasts no new case opens, though the debt is still there.
        Assert.Equal("closed", (await DunningAsync("7400000021")).GetProperty("state").GetString());
        var order = await DisconnectionOrderAsync("7400000022");
        await _app.WithApiKey(_dsoKey).PostAsJsonAsync($"/api/v1/dso/work-orders/{order.GetProperty("id").GetGuid()}/events",
            new { type = "completed", occurredAt = _app.Clock.GetCurrentInstant().ToString() });
        Assert.Equal("disconnected_for_debt", await SupplyStatusAsync("7400000022"));

        _app.Clock.Reset(Instant.FromUtc(2026, 12, 30, 8, 0));
        var after = await RulingAsync("7400000022", "2026-12-29");
        Assert.Equal("restoration_ordered", (await after.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("outcome").GetString());
        Assert.Equal("restoration_ordered", await SupplyStatusAsync("7400000022"));
        var restoration = (await _app.WithApiKey(_dsoKey).GetFromJsonAsync<JsonElement>("/api/v1/dso/work-orders?kind=restoration"))
            .GetProperty("items").EnumerateArray().Single(o => o.GetProperty("accountNumber").GetString() == "7400000022");
        Assert.Equal("pending", restoration.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ALateSecondWarning_MovesTheDate_SoTheCustomerStillHasFiveWorkingDaysAfterIt()
    {
        await AccountAsync("7400000061", debt: 600m);
        _app.Clock.Reset(FirstWarningMorning);
        await RunAsync();

        // No pass ran on 21.12; on the planned day the second warning goes out instead of the order.
        _app.Clock.Reset(Instant.FromUtc(2026, 12, 28, 8, 0));
        await RunAsync();
        var moved = await DunningAsync("7400000061");
        Assert.Equal("scheduled", moved.GetProperty("state").GetString());
        // 29, 30, 31.12 and 01.01 (worked under martial law), then Monday 04.01.2027.
        Assert.Equal("2027-01-04T10:00:00", moved.GetProperty("plannedDisconnectionAt").GetString());
        Assert.DoesNotContain((await _app.WithApiKey(_dsoKey).GetFromJsonAsync<JsonElement>("/api/v1/dso/work-orders?kind=disconnection"))
            .GetProperty("items").EnumerateArray(), o => o.GetProperty("accountNumber").GetString() == "7400000061");
    }

    [Fact]
    public async Task ACourtRuling_IsRefusedForANonHousehold_AndWithoutAScan()
    {
        await AccountAsync("7400000031", debt: 900m, kind: "non_household");
        var business = await RulingAsync("7400000031", "2026-11-20");
        Assert.Equal("court_protection_households_only", (await business.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);

        await AccountAsync("7400000032", debt: 900m);
        using var form = new MultipartFormDataContent { { new StringContent("Печерський районний суд м. Києва"), "court" } };
        var noScan = await _app.Admin().PostAsync("/api/v1/accounts/7400000032/court-rulings", form);
        var problem = await noScan.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Contains("file", problem.Errors!.Keys);
        Assert.Contains("openedOn", problem.Errors!.Keys);
    }

    [Fact]
    public async Task WithoutMartialLaw_ChristmasIsADayOff_SoTheDateMovesAWorkingDayLater()
    {
        await AccountAsync("7400000041", debt: 500m);
        await WithCalendarAsync(store => store.SetMartialLawAsync(CalendarStore.MartialLawStart, new LocalDate(2026, 6, 30)));
        try
        {
            _app.Clock.Reset(FirstWarningMorning);
            await RunAsync();
            var dunning = await DunningAsync("7400000041");
            // 25.12.2026 (Friday) is a public holiday again: ten working days after 14.12 end on Tuesday 29.12.
            Assert.Equal("2026-12-29T10:00:00", dunning.GetProperty("plannedDisconnectionAt").GetString());
            Assert.Equal("2026-12-23", dunning.GetProperty("payBy").GetString());
        }
        finally
        {
            await WithCalendarAsync(store => store.SetMartialLawAsync(CalendarStore.MartialLawStart, null));
        }
    }

    [Fact]
    public async Task TheRun_IsForAdministrators_AndAnUnknownAccountIsNotFound()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().PostAsync("/api/v1/dunning/runs", null)).StatusCode);
        var missing = await _app.Admin().GetAsync("/api/v1/accounts/7499999999/dunning");
        Assert.Equal("account_not_found", (await missing.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        await AccountAsync("7400000051", debt: 0m);
        Assert.Equal("none", (await DunningAsync("7400000051")).GetProperty("state").GetString());
    }

    private async Task AccountAsync(string number, decimal debt, string? contactEmail = null, string kind = "household")
    {
        var response = await _app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}", new
        {
            holderName = "Шевченко Тарас Григорович",
            address = "м. Київ, вул. Хрещатик, 1, кв. 5",
            eic = "62Z100000000001Z",
            settlement = "city",
            dsoCode = Scenario.DsoCode,
            supplyStatus = "connected",
            debt,
            kind,
            contactEmail,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> RunAsync()
    {
        var response = await _app.Admin().PostAsync("/api/v1/dunning/runs", null);
        return await response.ReadAsync<JsonElement>(HttpStatusCode.OK);
    }

    private Task<JsonElement> DunningAsync(string account) => _app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{account}/dunning");

    private async Task<string?> SupplyStatusAsync(string account) =>
        (await _app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{account}")).GetProperty("supplyStatus").GetString();

    private async Task<JsonElement> DisconnectionOrderAsync(string account) =>
        (await _app.WithApiKey(_dsoKey).GetFromJsonAsync<JsonElement>("/api/v1/dso/work-orders?kind=disconnection"))
            .GetProperty("items").EnumerateArray().Single(o => o.GetProperty("accountNumber").GetString() == account);

    private async Task PayAsync(string account, decimal amount, string reference)
    {
        var response = await _app.Admin().PostAsJsonAsync("/api/v1/payments",
            new { accountNumber = account, amount, paidAt = _app.Clock.GetCurrentInstant().ToString(), channel = "bank", reference });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> RulingAsync(string account, string openedOn)
    {
        using var scan = new ByteArrayContent(Scenario.PdfReceipt);
        scan.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Печерський районний суд м. Києва"), "court" },
            { new StringContent("757/12345/26-ц"), "courtCaseNumber" },
            { new StringContent(openedOn), "openedOn" },
            { scan, "file", "ukhvala.pdf" },
        };
        return await _app.Admin().PostAsync($"/api/v1/accounts/{account}/court-rulings", form);
    }

    private async Task WithCalendarAsync(Func<CalendarStore, Task> change)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<CalendarStore>());
    }
}

public sealed class DunningApiOnSqlite(SqliteApp app) : DunningApiTests(app), IClassFixture<SqliteApp>;

public sealed class DunningApiOnPostgres(PostgresApp app) : DunningApiTests(app), IClassFixture<PostgresApp>;
