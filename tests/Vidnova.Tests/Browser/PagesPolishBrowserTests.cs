using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>
/// Issue 16, what a newcomer trips over, at the two sizes it was tried at (1280 × 800 and 390 × 844): each page
/// screenshotted and checked by axe-core.
/// </summary>
public sealed class PagesPolishBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<int, int> Sizes => new() { { 1280, 800 }, { 390, 844 } };

    private readonly Scenario _scenario = new(browser.App);

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task UnknownAddress_ShowsAPageForPeople_InTheSitesLook_WithAFavicon(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Сторінку не знайдено");
        await Assertions.Expect(page.Locator(".site-header")).ToBeVisibleAsync();
        Assert.Equal("/favicon.svg", await page.Locator("link[rel=icon]").GetAttributeAsync("href"));
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await BrowserFixture.ScreenshotAsync(page, $"error-404-{width}");
        await ExpectAccessibleAsync(page);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task RefusedReceiptUpload_ComesBackAtTheForm_WithTheErrorFocusedAndAnnounced(int width, int height)
    {
        var account = $"16000000{width % 100:00}";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync($"/restoration/{application.Id}?token={Uri.EscapeDataString(application.AccessToken!)}");

        await page.SetInputFilesAsync("#receipt-file", new FilePayload { Name = "receipt.txt", MimeType = "text/plain", Buffer = "not a receipt"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Надіслати квитанцію" }).ClickAsync();

        var error = page.Locator("#receipt-error");
        await Assertions.Expect(error).Not.ToBeEmptyAsync();
        Assert.EndsWith("#receipt-upload", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(error).ToBeFocusedAsync();
        await Assertions.Expect(error).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(error).ToBeInViewportAsync();
        // What the person sees without scrolling: the form and its error.
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"receipt-error-{width}.png") });
        await ExpectAccessibleAsync(page);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task HelpPage_ReachedFromTheFooter_ShowsTheJourneyAndContacts(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Допомога й контакти" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Допомога й контакти");
        await Assertions.Expect(page.Locator("#pay-debt-section a[href='/cabinet']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"help-{width}");
        await ExpectAccessibleAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The help page scrolls sideways.");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task StatusPage_UpdatesItselfAsTheApplicationMoves_AndSaysSoPolitely(int width, int height)
    {
        var account = $"16200000{width % 100:00}";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        (await _scenario.UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync($"/restoration/{application.Id}?token={Uri.EscapeDataString(application.AccessToken!)}");
        await Assertions.Expect(page.Locator("#live-announce")).ToHaveAttributeAsync("aria-live", "polite");
        var stepsBefore = await page.Locator(".steps li.done").CountAsync();

        // The operator approves and the DSO acknowledges while the page stays open, never reloaded.
        var decision = await browser.App.Admin().PostAsJsonAsync($"/api/v1/restoration-applications/{application.Id}/receipt-decision", new { approve = true });
        var sent = await decision.ReadAsync<ApplicationResponse>(System.Net.HttpStatusCode.OK);
        var dso = browser.App.WithApiKey(await _scenario.IssueDsoKeyAsync());
        (await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events",
            new { type = "received", occurredAt = browser.App.Clock.GetCurrentInstant().ToString() })).EnsureSuccessStatusCode();

        await Assertions.Expect(page.Locator("#next-heading")).ToHaveTextAsync("ОСР відновлює електропостачання");
        await Assertions.Expect(page.Locator("#live-announce")).ToContainTextAsync("Статус заяви оновлено");
        Assert.True(await page.Locator(".steps li.done").CountAsync() > stepsBefore, "The step list did not move.");
        await BrowserFixture.ScreenshotAsync(page, $"status-live-{width}");
        await ExpectAccessibleAsync(page);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task CalendarAdmin_IsAMonthGrid_WhereDaysOffStandOut_AndTheMenuMarksThePage(int width, int height)
    {
        var email = $"admin{width}@vidnova.test";
        await browser.App.AddStaffAsync(email, Vidnova.Hosting.StaffRoles.Administrator);
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/backoffice/sign-in");
        await page.FillAsync("input[type=email]", email);
        await page.FillAsync("input[type=password]", "secret-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();

        await page.GotoAsync("/backoffice/calendar?year=2026");

        await Assertions.Expect(page.Locator("nav.main-nav a[href='/backoffice/calendar']")).ToHaveAttributeAsync("aria-current", "page");
        var working = await page.Locator("td.working").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var dayOff = await page.Locator("td.day-off").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual(working, dayOff);
        var grid = await page.Locator(".calendar-year").BoundingBoxAsync();
        Assert.True(grid!.Height < (width >= 1280 ? 1100 : 4000), $"The year's grid is {grid.Height} px tall at {width} px.");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The calendar scrolls sideways.");
        // Each cell knows its column's name; stacked on a phone, the cell shows it before the value.
        var firstCell = page.Locator("table.data tbody tr").First.Locator("td").First;
        await Assertions.Expect(firstCell).ToHaveAttributeAsync("data-label", "Дата");
        var label = await firstCell.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content");
        Assert.Equal(width < 640 ? "\"Дата: \"" : "none", label);
        await BrowserFixture.ScreenshotAsync(page, $"backoffice-calendar-{width}");
        await ExpectAccessibleAsync(page);
    }

    private static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ",
            serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
