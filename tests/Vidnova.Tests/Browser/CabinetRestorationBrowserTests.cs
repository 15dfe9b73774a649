using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>A household signed in to the personal account applies for restoration on a phone.</summary>
public sealed class CabinetRestorationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);
    private readonly CustomerLogins _logins = new(browser.App);
    private readonly CabinetCustomers _customers = new(browser.App);

    [Fact]
    public async Task ASignedInCustomer_AppliesFromTheAccountsPage_OnAPhone_AndOpensTheInvoice()
    {
        const string email = "phone.customer@example.com";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5200000001");
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);
        await _customers.LinkAsync(await _customers.LoginIdAsync(email), "5200000001");

        var page = await browser.NewPageAsync(390, 844);
        // The cabinet's cookie, as its sign-in page sets it: Identity's login with useCookies in this browser.
        var signIn = await page.Context.APIRequest.PostAsync("/api/v1/identity/login?useCookies=true",
            new() { DataObject = new { email, password = CustomerLogins.Password } });
        Assert.Equal(200, signIn.Status);

        await page.GotoAsync("/cabinet/accounts/5200000001/restoration");
        await Assertions.Expect(page.Locator("#supply-status")).ToHaveTextAsync("Відключено за борг");
        await Assertions.Expect(page.Locator("#still-to-pay")).ToContainTextAsync("0,00");
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "cabinet-restoration-apply-phone");

        await page.FillAsync("#phone", "12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Подати заяву" }).ClickAsync();
        await Assertions.Expect(page.Locator("#phone-error")).ToContainTextAsync("+380");

        await page.FillAsync("#phone", "067 123 45 67");
        await page.GetByRole(AriaRole.Button, new() { Name = "Подати заяву" }).ClickAsync();
        await Assertions.Expect(page.Locator("#filed")).ToContainTextAsync("подано");
        await Assertions.Expect(page.Locator("#application .badge")).ToHaveTextAsync("Очікує оплати рахунку");
        await BrowserFixture.ScreenshotAsync(page, "cabinet-restoration-filed-phone");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "The page scrolls sideways at 390 px");

        await page.GetByRole(AriaRole.Link, new() { Name = "Відкрити сторінку заяви" }).ClickAsync();
        await Assertions.Expect(page.Locator($"button[data-copy='{Scenario.DsoIban}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("img[src^='data:image/png']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "cabinet-restoration-status-phone");

        await page.GotoAsync("/cabinet/applications");
        await Assertions.Expect(page.Locator("#applications li")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "cabinet-applications-phone");
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
