using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>
/// The whole way a household takes on a 390 × 844 phone, through the pages alone: register, confirm by the emailed
/// link, sign in, link the personal account with the details on the bill, apply for restoration, open the invoice.
/// </summary>
public sealed class CabinetRestorationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    [Fact]
    public async Task OnAPhone_RegisterConfirmLinkAndApply_ThroughThePagesAlone()
    {
        const string email = "whole-way@example.com";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("5300000001", eic: "62Z200000000001M");
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync("/cabinet/register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", CustomerLogins.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Зареєструватися" }).ClickAsync();
        await Assertions.Expect(page.Locator("#registered")).ToContainTextAsync(email);

        var link = await new CustomerLogins(browser.App).ConfirmationLinkAsync(email);
        await page.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Email підтверджено");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Увійти" }).ClickAsync();
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", CustomerLogins.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/cabinet$"));

        await page.GetByLabel("Номер особового рахунку").FillAsync("5300000001");
        await page.GetByLabel("Прізвище власника рахунку").FillAsync("Шевченко");
        await page.GetByLabel("EIC-код точки обліку").FillAsync("62Z200000000001M");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати рахунок" }).ClickAsync();
        await page.WaitForURLAsync("**/cabinet");
        var card = page.Locator(".account-card");
        await Assertions.Expect(card).ToContainTextAsync("Відключено за борг");
        await BrowserFixture.ScreenshotAsync(page, "journey-linked-phone");
        await AssertAccessibleAsync(page);

        await card.GetByRole(AriaRole.Link, new() { Name = "Подати заяву на відновлення" }).ClickAsync();
        await page.FillAsync("#phone", "067 123 45 67");
        await page.GetByRole(AriaRole.Button, new() { Name = "Подати заяву" }).ClickAsync();
        await Assertions.Expect(page.Locator("#application .badge")).ToHaveTextAsync("Очікує оплати рахунку");
        await BrowserFixture.ScreenshotAsync(page, "journey-applied-phone");
        await AssertAccessibleAsync(page);

        // The invoice went to the login's email at once: no surname, no code.
        await browser.App.Mail.WaitForAsync(m => m.To == email && m.Subject.StartsWith("Рахунок за відновлення", StringComparison.Ordinal), "with the invoice");
        await page.GetByRole(AriaRole.Link, new() { Name = "Відкрити сторінку заяви" }).ClickAsync();
        await Assertions.Expect(page.Locator($"button[data-copy='{Scenario.DsoIban}']")).ToHaveCountAsync(1);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "The status page scrolls sideways at 390 px");
        await BrowserFixture.ScreenshotAsync(page, "journey-status-phone");
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
