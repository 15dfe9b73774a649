using System.Net;
using System.Text.RegularExpressions;
using Vidnova.Hosting;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.RepaymentSchedules;

/// <summary>
/// The cabinet's schedule page as a browser without script reads it (the offer with its months, the required
/// acceptance, then the table, the progress bar and the pay button), and the supervisor's page of waiting schedules.
/// </summary>
public abstract partial class RepaymentSchedulePagesTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Schedules _schedules = new(app);
    private readonly CabinetCustomers _customers = new(app);

    public async Task InitializeAsync()
    {
        await _schedules.Scenario.RegisterDsoAsync();
        app.Clock.Reset(Schedules.Start);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> BrowserWithAsync(string email, string account, decimal debt)
    {
        await _schedules.Scenario.PutAccountAsync(account, debt: debt, supplyStatus: "connected");
        var browser = await new CabinetPages(app).SignedInAsync(email);
        await _customers.LinkAsync(await _customers.LoginIdAsync(email), account);
        return browser;
    }

    [Fact]
    public async Task TheCustomer_ChoosesTheMonths_MustAcceptTheTerms_AndThenSeesTheTableProgressAndPayButton()
    {
        const string account = "7700000801";
        var browser = await BrowserWithAsync("schedule-page@example.com", account, 3000m);
        var page = $"/cabinet/accounts/{account}/repayment-schedule";
        Assert.Contains($"href=\"{page}\"", await browser.GetStringAsync($"/cabinet/accounts/{account}"), StringComparison.Ordinal);

        var offer = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        Assert.Contains("<label for=\"months\">Кількість місяців</label>", offer, StringComparison.Ordinal);
        Assert.Equal(6, InstalmentRows().Count(offer));
        Assert.Matches("<input type=\"checkbox\" id=\"accept-terms\" name=\"AcceptTerms\" value=\"true\" required", offer);
        Assert.Contains("<label for=\"accept-terms\">Я приймаю умови графіка погашення</label>", offer, StringComparison.Ordinal);
        var three = WebUtility.HtmlDecode(await browser.GetStringAsync(page + "?months=3"));
        Assert.Equal(3, InstalmentRows().Count(three));
        Assert.Contains("<time datetime=\"2027-01-04\">04.01.2027</time>", three, StringComparison.Ordinal);

        var unaccepted = await CabinetPages.SubmitAsync(browser, page + "?months=3", new Dictionary<string, string> { ["Months"] = "3" }, page);
        var refusedHtml = WebUtility.HtmlDecode(await unaccepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unaccepted.StatusCode);
        Assert.Contains("id=\"terms-error\" role=\"alert\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"terms-error\"", refusedHtml, StringComparison.Ordinal);

        var concluded = await CabinetPages.SubmitAsync(browser, page + "?months=3",
            new Dictionary<string, string> { ["Months"] = "3", ["AcceptTerms"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, concluded.StatusCode);
        await _schedules.PayAsync(account, 250m);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        Assert.Contains("Графік погашення укладено й погоджено", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"active\"", html, StringComparison.Ordinal);
        Assert.Contains("<progress id=\"schedule-progress\" class=\"run-progress\" max=\"3000.00\" value=\"250.00\">8%</progress>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"schedule-progress\" id=\"progress-label\">Сплачено 250,00 грн з 3", html, StringComparison.Ordinal);
        Assert.Equal(3, InstalmentRows().Count(html));
        Assert.Contains($"href=\"/cabinet/accounts/{account}?payAmount=750%2C00#pay\"", html, StringComparison.Ordinal);
        Assert.Contains("Внесок № 1: 750,00 грн до 04.01.2027.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"conclude\"", html, StringComparison.Ordinal);
        // The pay button's link fills the account page's «Сплатити онлайн» amount.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/cabinet/accounts/{account}?payAmount=750%2C00")).StatusCode);
        // Another login's account is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/cabinet/accounts/7700000899/repayment-schedule")).StatusCode);
    }

    [Fact]
    public async Task ASupervisor_SeesTheWaitingSchedules_DeclineNeedsAReason_AndApprovesOne_WhileAnOperatorMayNotOpenThePage()
    {
        const string account = "7700000901";
        var customer = await _schedules.CustomerWithAsync(account, 15000m, "referred@example.com");
        var pending = await Schedules.ConcludedAsync(customer, account, 10);
        await app.AddStaffAsync("olena@vidnova.test", StaffRoles.Supervisor);
        await app.AddStaffAsync("ivan@vidnova.test", StaffRoles.Operator);
        var supervisor = await app.SignInStaffAsync("olena@vidnova.test");
        const string page = "/backoffice/repayment-schedules";

        var html = WebUtility.HtmlDecode(await supervisor.GetStringAsync(page));
        Assert.Contains($"data-schedule=\"{pending.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("борг більший за межу автоматичного погодження", html, StringComparison.Ordinal);
        Assert.Contains($"<label for=\"reason-{pending.Id:N}\">Причина відмови</label>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/backoffice/repayment-schedules\"", html, StringComparison.Ordinal);

        var action = $"{page}?handler=Decline&id={pending.Id}&account={account}";
        var noReason = await CabinetPages.SubmitAsync(supervisor, page, new Dictionary<string, string> { ["reason"] = "" }, action);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains($"id=\"reason-{pending.Id:N}-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var approved = await CabinetPages.SubmitAsync(supervisor, page, new Dictionary<string, string>(), $"{page}?handler=Approve&id={pending.Id}&account={account}");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var schedule = await _schedules.StaffCurrentAsync(account);
        Assert.Equal("active", schedule.Status);
        Assert.StartsWith("staff:", schedule.DecidedBy, StringComparison.Ordinal);
        Assert.NotEqual("staff:api-key", schedule.DecidedBy);
        var after = WebUtility.HtmlDecode(await supervisor.GetStringAsync(page));
        Assert.DoesNotContain($"data-schedule=\"{pending.Id}\"", after, StringComparison.Ordinal);
        Assert.Contains(schedule.DecidedBy!, after, StringComparison.Ordinal);

        var operatorBrowser = await app.SignInStaffAsync("ivan@vidnova.test");
        var denied = await operatorBrowser.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/backoffice/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<tr data-instalment=""\d+"">")]
    private static partial Regex InstalmentRows();
}

public sealed class RepaymentSchedulePagesOnSqlite(ScheduleSqliteApp app) : RepaymentSchedulePagesTests(app), IClassFixture<ScheduleSqliteApp>;

public sealed class RepaymentSchedulePagesOnPostgres(SchedulePostgresApp app) : RepaymentSchedulePagesTests(app), IClassFixture<SchedulePostgresApp>;
