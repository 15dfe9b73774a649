using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vidnova.Billing.Runs;
using Vidnova.Kernel;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>The bills page on a phone: a year and a half of a two-zone meter's bills, some estimated, as a chart, a table and a CSV.</summary>
public sealed class BillsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    /// <summary>A two-zone meter from June 2025 with an end-of-month reading each month but four, winters higher; every month billed.</summary>
    private async Task BilledHistoryAsync(string account)
    {
        var app = browser.App;
        app.Clock.Reset(Billing.Billing.AfterNovember);
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account, supplyStatus: "connected");
        (await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{account}/meter",
            new { serialNumber = "PHONE-B1", zones = 2, digits = 6, installedOn = "2025-06-01", readings = new { day = 10000, night = 5000 } })).EnsureSuccessStatusCode();
        decimal day = 10000, night = 5000;
        var periods = Enumerable.Range(0, 18).Select(i => BillingPeriod.Of(2025, 6).Month.PlusMonths(i)).Select(m => BillingPeriod.Of(m.Year, m.Month)).ToList();
        foreach (var period in periods)
        {
            var winter = period.Month.Month is 11 or 12 or 1 or 2;
            day += 150 + (winter ? 140 : 0) + (period.Month.Month % 3 * 15);
            night += 70 + (winter ? 60 : 0);
            if (period.Month.Month is 12 or 1 or 8)
            {
                continue;
            }

            (await app.Admin().PostAsJsonAsync($"/api/v1/accounts/{account}/readings",
                new { takenOn = period.LastDay.ToString("uuuu-MM-dd", null), values = new { day, night }, confirm = true })).EnsureSuccessStatusCode();
        }

        var runner = app.Services.GetRequiredService<BillingRunner>();
        foreach (var period in periods)
        {
            var run = await runner.QueueAsync(period, "test", CancellationToken.None);
            await runner.PlanQueuedAsync(CancellationToken.None);
            while (await runner.BillNextBatchAsync("browser-test", CancellationToken.None))
            {
            }

            Assert.Equal(0, (await Billing.Billing.FollowAsync(app, run.Id)).Failed);
        }
    }

    [Fact]
    public async Task OnAPhone_TheConsumptionChart_FitsTheScreen_IsAnImageWithAName_AndTheTableHasItsFigures()
    {
        const string email = "bills-phone@example.com";
        const string account = "7700000001";
        await BilledHistoryAsync(account);
        var customers = new CabinetCustomers(browser.App);
        await new CustomerLogins(browser.App).SignedInAsync(email);
        await customers.LinkAsync(await customers.LoginIdAsync(email), account);
        var page = await browser.NewPageAsync(390, 844);
        var signIn = await page.Context.APIRequest.PostAsync("/api/v1/identity/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email, password = CustomerLogins.Password } });
        Assert.Equal(200, signIn.Status);

        await page.GotoAsync($"/cabinet/accounts/{account}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Переглянути рахунки" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Рахунки і споживання", Level = 1 })).ToBeVisibleAsync();
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Споживання електроенергії по місяцях, кВт·год" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        // 18 months, four of them (two Augusts, December, January) estimated and hatched, each stacked day over night.
        await Assertions.Expect(page.Locator("svg[role=img] rect.estimated")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("svg[role=img] rect.actual")).ToHaveCountAsync(28);
        await Assertions.Expect(page.Locator("table.consumption tbody tr")).ToHaveCountAsync(18);
        await Assertions.Expect(page.Locator("table.bills tbody tr").First).ToContainTextAsync("листопад 2026");
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 300 and <= 390 }, $"The chart is {box?.Width} px wide on a 390 px phone");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The bills page scrolls sideways at 390 px");
        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/billing-pages-consumption-phone.png", FullPage = true });
        await chart.ScreenshotAsync(new LocatorScreenshotOptions { Path = "/tmp/billing-pages-chart-phone.png" });
        await BrowserFixture.ScreenshotAsync(page, "bills-phone");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Завантажити таблицю (CSV)" }).ClickAsync());
        Assert.Equal($"vidnova-{account}-consumption.csv", download.SuggestedFilename);
    }

    [Fact]
    public async Task ASupervisor_StartsARun_AndItsPageFollowsItToTheEnd_WithoutAReload()
    {
        const string login = "runs-browser@vidnova.test";
        var app = browser.App;
        app.Clock.Reset(Billing.Billing.AfterNovember);
        await _scenario.RegisterDsoAsync();
        await Billing.Billing.AccountAsync(app, _scenario, "7700000011", novemberTotal: 1800m);
        await app.AddStaffAsync(login, Vidnova.Hosting.StaffRoles.Supervisor);
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/backoffice/billing-runs");
        await page.FillAsync("input[type=email]", login);
        await page.FillAsync("input[type=password]", StaffSignIn.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Розрахунки рахунків" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByLabel("Розрахунковий місяць")).ToHaveValueAsync("2026-11");
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Почати розрахунок" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Розрахунок за 2026-11", Level = 1 })).ToBeVisibleAsync();
        var url = page.Url;
        // The worker plans and bills it within seconds; the page's polling brings the end in without a reload.
        await Assertions.Expect(page.Locator("[data-figure=status]")).ToHaveTextAsync("завершено", new() { Timeout = 40_000 });
        Assert.Equal(url, page.Url);
        var progress = page.Locator("#run-progress");
        Assert.Equal(await progress.GetAttributeAsync("max"), await progress.GetAttributeAsync("value"));
        await Assertions.Expect(page.Locator("#run-announce")).ToContainTextAsync("Розрахунок закінчено: завершено");
        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/billing-pages-run.png", FullPage = true });
    }

    /// <summary>No serious or critical axe-core violation on the page as it is now.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
