using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Tests.Dunning;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>A supervisor finds a case in the dunning queue, on a desktop and on a phone, and opens it: both pages pass axe.</summary>
public sealed class DunningBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheQueueAndTheCasePage_WorkOnADesktopAndAPhone_AndPassAxe()
    {
        var app = browser.App;
        await new Scenario(app).RegisterDsoAsync();
        await DunningPages.AccountAsync(app, "7420000001", debt: 1234.56m, contactEmail: "holder-7420000001@example.com");
        await DunningPages.AccountAsync(app, "7420000002", debt: 480m);
        app.Clock.Reset(Instant.FromUtc(2026, 12, 14, 7, 0));
        await DunningPages.RunAsync(app);
        await app.AddStaffAsync("dunning-browser@vidnova.test", StaffRoles.Supervisor);

        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/backoffice");
        await page.FillAsync("input[type=email]", "dunning-browser@vidnova.test");
        await page.FillAsync("input[type=password]", StaffSignIn.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Відключення за борг" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Відключення за борг" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("DN-20261214-7420000001");
        await Assertions.Expect(page.Locator(".counts")).ToContainTextAsync("Попереджено: 2");
        await BrowserFixture.ScreenshotAsync(page, "backoffice-dunning");
        await AssertAccessibleAsync(page);

        // From the keyboard: the search field, then the case's link.
        await page.FocusAsync("#q");
        await page.Keyboard.TypeAsync("7420000001");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("table.data tbody tr")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "DN-20261214-7420000001" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Попередження", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("holder-7420000001@example.com");
        await Assertions.Expect(page.Locator("#pause-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ruling-form")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "backoffice-dunning-case");
        await AssertAccessibleAsync(page);

        // On a phone the queue's rows stack as cards with their column names, and nothing scrolls sideways.
        var phone = await browser.NewPageAsync(390, 844);
        await phone.GotoAsync("/backoffice/dunning");
        await phone.FillAsync("input[type=email]", "dunning-browser@vidnova.test");
        await phone.FillAsync("input[type=password]", StaffSignIn.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await phone.GotoAsync("/backoffice/dunning");
        await Assertions.Expect(phone.Locator("table.data td[data-label='Особовий рахунок']").First).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The dunning queue scrolls sideways at 390 px");
        await BrowserFixture.ScreenshotAsync(phone, "backoffice-dunning-phone");
        await AssertAccessibleAsync(phone);
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
