using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>The cabinet on a phone: linking accounts with the details on the bill, then the home page's account cards.</summary>
public sealed class CabinetAccountsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    [Fact]
    public async Task OnAPhone_ACustomerLinksTwoAccounts_AndTheHomeShowsTheirCardsWithTheNextStep()
    {
        const string email = "cabinet-phone@example.com";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5500000001", holder: "Дем'янчук Олена Петрівна", eic: "62Z200000000001M");
        await _scenario.PutAccountAsync("5500000002", holder: "Дем'янчук Олена Петрівна", debt: 1234.56m, supplyStatus: "connected", eic: "62Z200000000002K");
        var logins = new CustomerLogins(browser.App);
        await logins.RegisterAsync(email);
        await logins.ConfirmAsync(email);
        var page = await browser.NewPageAsync(390, 844);
        // The cabinet's own sign-in page is another piece of work; the cookie comes from Identity's endpoint the same way.
        var signIn = await page.Context.APIRequest.PostAsync("/api/v1/identity/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email, password = CustomerLogins.Password } });
        Assert.Equal(200, signIn.Status);

        await page.GotoAsync("/cabinet");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Додайте свій перший особовий рахунок" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#eic-hint")).ToContainTextAsync("62Z");
        await AssertAccessibleAsync(page);

        // A wrong EIC is refused without saying which detail was wrong, and the form keeps what was typed.
        await page.GetByLabel("Номер особового рахунку").FillAsync("5500000001");
        await page.GetByLabel("Прізвище власника рахунку").FillAsync("Дем’янчук");
        await page.GetByLabel("EIC-код точки обліку").FillAsync("62Z200000000002K");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати рахунок" }).ClickAsync();
        await Assertions.Expect(page.Locator("#refusal")).ToContainTextAsync("Перевірте номер особового рахунку, прізвище власника та EIC-код");
        Assert.Equal("5500000001", await page.GetByLabel("Номер особового рахунку").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, "cabinet-link-refused-phone");

        await page.GetByLabel("EIC-код точки обліку").FillAsync("62z 2000 0000 0001 m");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати рахунок" }).ClickAsync();
        await page.WaitForURLAsync("**/cabinet");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("5500000001");

        // The cards come in the order the accounts were linked.
        browser.App.Clock.Advance(NodaTime.Duration.FromMinutes(1));
        await page.GetByRole(AriaRole.Link, new() { Name = "Додати ще один особовий рахунок" }).ClickAsync();
        await page.GetByLabel("Номер особового рахунку").FillAsync("5500000002");
        await page.GetByLabel("Прізвище власника рахунку").FillAsync("дем'янчук");
        await page.GetByLabel("EIC-код точки обліку").FillAsync("62Z200000000002K");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати рахунок" }).ClickAsync();
        await page.WaitForURLAsync("**/cabinet");

        var cards = page.Locator(".account-card");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        var cutOff = cards.Nth(0);
        await Assertions.Expect(cutOff).ToContainTextAsync("Відключено за борг");
        await Assertions.Expect(cutOff).ToContainTextAsync("0,00 грн");
        Assert.Equal("/cabinet/accounts/5500000001/restoration",
            await cutOff.GetByRole(AriaRole.Link, new() { Name = "Подати заяву на відновлення" }).GetAttributeAsync("href"));
        var owing = cards.Nth(1);
        await Assertions.Expect(owing).ToContainTextAsync("1 234,56 грн");
        await Assertions.Expect(owing).ToContainTextAsync("Електропостачання є");
        await Assertions.Expect(owing.GetByRole(AriaRole.Link, new() { Name = "Сплатити борг" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The home page scrolls sideways at 390 px");
        await BrowserFixture.ScreenshotAsync(page, "cabinet-home-phone");
        await AssertAccessibleAsync(page);

        await owing.GetByRole(AriaRole.Link, new() { Name = "Деталі та рух коштів" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Рух коштів" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.ledger")).ToContainTextAsync("Початкове сальдо");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Хто бачить цей рахунок" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The account page scrolls sideways at 390 px");
        await BrowserFixture.ScreenshotAsync(page, "cabinet-account-phone");
        await AssertAccessibleAsync(page);
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
