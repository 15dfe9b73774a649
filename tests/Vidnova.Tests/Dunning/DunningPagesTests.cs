using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dunning;

/// <summary>
/// The dunning pages: the back office's queue and case page (a supervisor pauses and resumes, an operator records a
/// court's ruling and the dispute's end, refusals shown on the page), and the warning on the cabinet's account page.
/// </summary>
public abstract partial class DunningPagesTests : IAsyncLifetime
{
    /// <summary>Monday 14.12.2026, 09:00 in Kyiv: the disconnection is planned for 28.12 at 10:00.</summary>
    private static readonly Instant FirstWarningMorning = Instant.FromUtc(2026, 12, 14, 7, 0);

    private readonly VidnovaApp _app;
    private readonly Scenario _scenario;

    protected DunningPagesTests(VidnovaApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
    }

    public async Task InitializeAsync()
    {
        _app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        await _scenario.RegisterDsoAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheQueue_ListsTheCaseWithItsDatesAndWarnings_AndASupervisorPausesAndResumesItFromItsPage()
    {
        const string account = "7410000001";
        await DunningPages.AccountAsync(_app, account, debt: 1000m, contactEmail: "holder-7410000001@example.com");
        _app.Clock.Reset(FirstWarningMorning);
        await DunningPages.RunAsync(_app);
        await _app.AddStaffAsync("dunning-supervisor@vidnova.test", StaffRoles.Supervisor);
        await _app.AddStaffAsync("dunning-operator@vidnova.test", StaffRoles.Operator);
        var supervisor = await _app.SignInStaffAsync("dunning-supervisor@vidnova.test");
        var operatorClient = await _app.SignInStaffAsync("dunning-operator@vidnova.test");

        var queue = WebUtility.HtmlDecode(await supervisor.GetStringAsync($"/backoffice/dunning?q={account}"));
        Assert.Contains("href=\"/backoffice/dunning\" aria-current=\"page\"", await supervisor.GetStringAsync("/backoffice/dunning"), StringComparison.Ordinal);
        Assert.Contains("DN-20261214-7410000001", queue, StringComparison.Ordinal);
        Assert.Contains("Попереджено", queue, StringComparison.Ordinal);
        Assert.Contains("28.12.2026 10:00", queue, StringComparison.Ordinal);
        Assert.Contains("23.12.2026", queue, StringComparison.Ordinal);
        Assert.Matches(@"1\s000,00", queue);
        Assert.Matches(@"<td>\s*1\s*<span class=""hint"">останнє <time datetime=""2026-12-14T07:00:00Z"">14.12.2026 09:00</time>", queue);
        Assert.Matches(@"Відкриті: [1-9]", queue);
        // A part of the account number finds it; another state or a later date does not.
        Assert.Contains("DN-20261214-7410000001", await supervisor.GetStringAsync("/backoffice/dunning?q=41000000"), StringComparison.Ordinal);
        Assert.Contains("Справ за цими умовами немає.", await supervisor.GetStringAsync($"/backoffice/dunning?q={account}&state=closed"), StringComparison.Ordinal);
        Assert.Contains("Справ за цими умовами немає.", await supervisor.GetStringAsync($"/backoffice/dunning?q={account}&from=2026-12-29"), StringComparison.Ordinal);
        Assert.Contains("DN-20261214-7410000001", await supervisor.GetStringAsync($"/backoffice/dunning?q={account}&from=2026-12-28&to=2026-12-28"), StringComparison.Ordinal);
        Assert.Contains("Дату пишіть як рік-місяць-день", WebUtility.HtmlDecode(await supervisor.GetStringAsync("/backoffice/dunning?from=28.12")), StringComparison.Ordinal);

        var casePath = CaseLink().Match(queue).Groups[1].Value;
        Assert.NotEmpty(casePath);
        // The warnings with the delivery proof once the outbox has sent the email.
        var page = await Eventually.ValueAsync(async () =>
        {
            var html = WebUtility.HtmlDecode(await supervisor.GetStringAsync(casePath));
            return html.Contains("чекає в черзі", StringComparison.Ordinal) ? null : html;
        }, TimeSpan.FromSeconds(20), () => "the warning email was not sent");
        Assert.Contains("holder-7410000001@example.com", page, StringComparison.Ordinal);
        var messageId = (await DunningAsync(account)).GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("messageId"))
            .First(m => m.ValueKind == JsonValueKind.String).GetString();
        Assert.Contains($"<code>{messageId}</code>", page, StringComparison.Ordinal);
        Assert.Contains("Відкрито: прострочений борг", page, StringComparison.Ordinal);
        Assert.Contains("Віднова (автоматично)", page, StringComparison.Ordinal);
        Assert.Contains("Шевченко Тарас Григорович", page, StringComparison.Ordinal);
        Assert.Contains("id=\"pause-form\"", page, StringComparison.Ordinal);

        // An operator sees the case but neither pause nor resume, and a forged pause is forbidden.
        var operatorPage = await operatorClient.GetStringAsync(casePath);
        Assert.DoesNotContain("pause-form", operatorPage, StringComparison.Ordinal);
        var forged = await operatorClient.PostAsync($"{casePath}?handler=Pause", Form(operatorPage, ("Reason", "test"), ("version", VersionIn(page))));
        Assert.StartsWith("/backoffice/denied", forged.Headers.Location?.AbsolutePath, StringComparison.Ordinal);

        // No reason, no pause.
        var noReason = await supervisor.PostAsync($"{casePath}?handler=Pause", Form(page, ("Reason", "  "), ("version", VersionIn(page))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Вкажіть причину паузи", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var paused = await supervisor.PostAsync($"{casePath}?handler=Pause",
            Form(page, ("Reason", "Клієнт у лікарні, син сплатить до 20.12"), ("version", VersionIn(page))));
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal("paused", (await DunningAsync(account)).GetProperty("state").GetString());
        var pausedPage = WebUtility.HtmlDecode(await supervisor.GetStringAsync(casePath));
        Assert.Contains("Справу призупинено", pausedPage, StringComparison.Ordinal);
        Assert.Contains("Призупинено: Клієнт у лікарні, син сплатить до 20.12.", pausedPage, StringComparison.Ordinal);
        Assert.Contains("Працівник dunning-supervisor@vidnova.test", pausedPage, StringComparison.Ordinal);
        Assert.Contains("id=\"resume-form\"", pausedPage, StringComparison.Ordinal);
        Assert.Contains("data-confirm=\"Відновити справу DN-20261214-7410000001?", pausedPage, StringComparison.Ordinal);

        // A form made before the pause is stale: nothing changes.
        var stale = await supervisor.PostAsync($"{casePath}?handler=Resume", Form(pausedPage, ("version", VersionIn(page))));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Справа змінилася", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        _app.Clock.Reset(Instant.FromUtc(2026, 12, 15, 8, 0));
        var resumed = await supervisor.PostAsync($"{casePath}?handler=Resume", Form(pausedPage, ("version", VersionIn(pausedPage))));
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        var dunning = await DunningAsync(account);
        Assert.Equal("warned", dunning.GetProperty("state").GetString());
        Assert.Equal("2026-12-29T10:00:00", dunning.GetProperty("plannedDisconnectionAt").GetString());
        var resumedPage = WebUtility.HtmlDecode(await supervisor.GetStringAsync(casePath));
        Assert.Contains("Справу відновлено", resumedPage, StringComparison.Ordinal);
        Assert.Contains("Відновлено з новим першим попередженням", resumedPage, StringComparison.Ordinal);

        var english = await supervisor.GetStringAsync($"/backoffice/dunning?q={account}&culture=en");
        Assert.Contains("Disconnections for debt", english, StringComparison.Ordinal);
        Assert.Contains("Warned", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperator_RecordsACourtRulingFromTheCasePage_ThenTheDisputesEnd_AndANonHouseholdIsRefusedOnThePage()
    {
        await DunningPages.AccountAsync(_app, "7410000011", debt: 900m);
        await DunningPages.AccountAsync(_app, "7410000012", debt: 900m, kind: "non_household");
        _app.Clock.Reset(FirstWarningMorning);
        await DunningPages.RunAsync(_app);
        await _app.AddStaffAsync("rulings-operator@vidnova.test", StaffRoles.Operator);
        var staff = await _app.SignInStaffAsync("rulings-operator@vidnova.test");
        var casePath = CaseLink().Match(await staff.GetStringAsync("/backoffice/dunning?q=7410000011")).Groups[1].Value;
        var page = await staff.GetStringAsync(casePath);
        Assert.Contains("id=\"ruling-form\"", page, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);

        // Without the scan the form comes back with the field's sentence, and nothing is recorded.
        var noScan = await staff.PostAsync($"{casePath}?handler=Ruling", Ruling(page, scan: null));
        Assert.Equal(HttpStatusCode.BadRequest, noScan.StatusCode);
        var noScanPage = WebUtility.HtmlDecode(await noScan.Content.ReadAsStringAsync());
        Assert.Contains("id=\"ruling-file-error\">Додайте скан або фото ухвали суду", noScanPage, StringComparison.Ordinal);
        Assert.Contains("value=\"757/12345/26-ц\"", noScanPage, StringComparison.Ordinal);
        Assert.Equal("warned", (await DunningAsync("7410000011")).GetProperty("state").GetString());

        var recorded = await staff.PostAsync($"{casePath}?handler=Ruling", Ruling(page, Scenario.PdfReceipt));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var closed = await DunningAsync("7410000011");
        Assert.Equal(("closed", "court_dispute"), (closed.GetProperty("state").GetString(), closed.GetProperty("closeReason").GetString()));
        var after = WebUtility.HtmlDecode(await staff.GetStringAsync(casePath));
        Assert.Contains("Ухвалу записано: справу закрито", after, StringComparison.Ordinal);
        Assert.Contains("Печерський районний суд м. Києва", after, StringComparison.Ordinal);
        Assert.Contains("відключення не буде", after, StringComparison.Ordinal);
        Assert.Contains("спір триває", after, StringComparison.Ordinal);
        Assert.Contains("Закрито", after, StringComparison.Ordinal);

        var rulingId = RulingIdIn(after);
        var ended = await staff.PostAsync($"{casePath}?handler=EndRuling", Form(after, ("rulingId", rulingId)));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var endedPage = WebUtility.HtmlDecode(await staff.GetStringAsync(casePath));
        Assert.Contains("Судовий спір позначено завершеним", endedPage, StringComparison.Ordinal);
        Assert.Contains("спір завершено", endedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"rulingId\"", endedPage, StringComparison.Ordinal);

        // A non-household: no form, and a forged one is refused with the rule's sentence on the page.
        var businessPath = CaseLink().Match(await staff.GetStringAsync("/backoffice/dunning?q=7410000012")).Groups[1].Value;
        var business = WebUtility.HtmlDecode(await staff.GetStringAsync(businessPath));
        Assert.DoesNotContain("id=\"ruling-form\"", business, StringComparison.Ordinal);
        Assert.Contains("Рахунок непобутовий", business, StringComparison.Ordinal);
        // (The page has no form, so the antiforgery token comes from the other case's page.)
        var refused = await staff.PostAsync($"{businessPath}?handler=Ruling", Ruling(page, Scenario.PdfReceipt));
        var refusedPage = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, refusedPage);
        Assert.Contains("Захист від відключення на час судового спору діє лише для побутових споживачів", refusedPage, StringComparison.Ordinal);
        Assert.Equal("warned", (await DunningAsync("7410000012")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task TheCabinetsAccountPage_WarnsOfThePlannedDisconnection_WithThePayAndScheduleLinks_OnlyWhileACaseIsOpen()
    {
        await DunningPages.AccountAsync(_app, "7410000021", debt: 750m);
        await DunningPages.AccountAsync(_app, "7410000022", debt: 0m);
        var customers = new CabinetCustomers(_app);
        await customers.SignedInWithAsync("cabinet-7410000021@example.com", "7410000021", "7410000022");
        var cabinet = await customers.CabinetCookieClientAsync("cabinet-7410000021@example.com");
        Assert.DoesNotContain("dunning-warning", await cabinet.GetStringAsync("/cabinet/accounts/7410000021"), StringComparison.Ordinal);

        _app.Clock.Reset(FirstWarningMorning);
        await DunningPages.RunAsync(_app);
        var page = WebUtility.HtmlDecode(await cabinet.GetStringAsync("/cabinet/accounts/7410000021"));
        Assert.Contains("id=\"dunning-warning\"", page, StringComparison.Ordinal);
        Assert.Contains("Заплановано відключення електропостачання за борг", page, StringComparison.Ordinal);
        Assert.Contains("28.12.2026 о 10:00", page, StringComparison.Ordinal);
        Assert.Matches(@"Прострочений борг: 750,00\s?грн", page);
        Assert.Contains("до 23.12.2026", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cabinet/accounts/7410000021/repayment-schedule\"", page, StringComparison.Ordinal);
        Assert.Contains(">Сплатити онлайн</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("dunning-warning", await cabinet.GetStringAsync("/cabinet/accounts/7410000022"), StringComparison.Ordinal);

        // Paid: the next pass closes the case and the warning goes.
        var paid = await _app.Admin().PostAsJsonAsync("/api/v1/payments",
            new { accountNumber = "7410000021", amount = 750m, paidAt = _app.Clock.GetCurrentInstant().ToString(), channel = "bank", reference = "pages-paid" });
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        await DunningPages.RunAsync(_app);
        Assert.DoesNotContain("dunning-warning", await cabinet.GetStringAsync("/cabinet/accounts/7410000021"), StringComparison.Ordinal);
    }

    private Task<JsonElement> DunningAsync(string account) => _app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{account}/dunning");

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", StaffSignIn.AntiforgeryTokenIn(page))));

    private static MultipartFormDataContent Ruling(string page, byte[]? scan)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(StaffSignIn.AntiforgeryTokenIn(page)), "__RequestVerificationToken" },
            { new StringContent("Печерський районний суд м. Києва"), "court" },
            { new StringContent("757/12345/26-ц"), "courtCaseNumber" },
            { new StringContent("2026-12-11"), "openedOn" },
        };
        if (scan is not null)
        {
            var file = new ByteArrayContent(scan);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "ukhvala.pdf");
        }

        return form;
    }

    private static string VersionIn(string page) => VersionField().Match(page).Groups[1].Value;

    private static string RulingIdIn(string page) => RulingField().Match(page).Groups[1].Value;

    [GeneratedRegex("href=\"(/backoffice/dunning/[0-9a-f-]{36})\"")]
    private static partial Regex CaseLink();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"rulingId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex RulingField();
}

/// <summary>The accounts and passes the dunning page tests (HTTP and browser) start from.</summary>
internal static class DunningPages
{
    public static async Task AccountAsync(VidnovaApp app, string number, decimal debt, string? contactEmail = null, string kind = "household")
    {
        var response = await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}", new
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

    public static async Task RunAsync(VidnovaApp app) =>
        await (await app.Admin().PostAsync("/api/v1/dunning/runs", null)).ReadAsync<JsonElement>(HttpStatusCode.OK);
}

public sealed class DunningPagesOnSqlite(SqliteApp app) : DunningPagesTests(app), IClassFixture<SqliteApp>;

public sealed class DunningPagesOnPostgres(PostgresApp app) : DunningPagesTests(app), IClassFixture<PostgresApp>;
