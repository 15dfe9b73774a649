using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>The cabinet's repayment schedule on a phone, with the keyboard: the months chosen, the terms accepted, the schedule shown.</summary>
public sealed class RepaymentScheduleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OnAPhone_TheCustomerChoosesTheMonths_AcceptsTheTerms_AndSeesTheProgressAndPayButton()
    {
        const string email = "schedule-phone@example.com";
        const string account = "7700001001";
        var app = browser.App;
        var scenario = new Scenario(app);
        await scenario.RegisterDsoAsync();
        await scenario.PutAccountAsync(account, debt: 4500m, supplyStatus: "connected");
        var customers = new CabinetCustomers(app);
        await new CustomerLogins(app).SignedInAsync(email);
        await customers.LinkAsync(await customers.LoginIdAsync(email), account);
        var page = await browser.NewPageAsync(390, 844);
        var signIn = await page.Context.APIRequest.PostAsync("/api/v1/identity/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email, password = CustomerLogins.Password } });
        Assert.Equal(200, signIn.Status);

        await page.GotoAsync($"/cabinet/accounts/{account}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Графік погашення боргу" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Графік погашення заборгованості", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.offer tbody tr")).ToHaveCountAsync(6);
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Кількість місяців").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Показати внески" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.offer tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("table.offer tbody tr").First).ToContainTextAsync("1 500,00 грн");

        // The checkbox is required: the browser keeps the form until it is ticked; then the keyboard alone concludes it.
        var conclude = page.GetByRole(AriaRole.Button, new() { Name = "Укласти графік на 3 міс." });
        await conclude.ClickAsync();
        Assert.False(await page.GetByLabel("Я приймаю умови графіка погашення").IsCheckedAsync());
        await Assertions.Expect(page.Locator("#schedule")).ToHaveCountAsync(0);
        await page.GetByLabel("Я приймаю умови графіка погашення").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await conclude.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("Графік погашення укладено й погоджено");
        await Assertions.Expect(page.Locator("#schedule-status")).ToHaveTextAsync("Діє");
        await Assertions.Expect(page.GetByLabel("Сплачено 0,00 грн з 4 500,00 грн, залишилось 4 500,00 грн")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.instalments tbody tr")).ToHaveCountAsync(3);
        var pay = page.GetByRole(AriaRole.Link, new() { Name = "Сплатити внесок" });
        await Assertions.Expect(pay).ToHaveAttributeAsync("href", $"/cabinet/accounts/{account}?payAmount=1500%2C00#pay");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The schedule page scrolls sideways at 390 px");
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "repayment-schedule-phone");
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
