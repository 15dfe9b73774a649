using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>The reading form on a phone: the live preview as the customer types, a refused value beside its field, the confirmation step, the sent reading.</summary>
public sealed class ReadingFormBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    [Fact]
    public async Task OnAPhone_ACustomerTypesAReading_SeesWhatItMakes_ConfirmsAJump_AndSendsIt()
    {
        const string email = "reading-phone@example.com";
        const string account = "6300000001";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        (await browser.App.Admin().PutAsJsonAsync($"/api/v1/accounts/{account}/meter",
            new { serialNumber = "PHONE-1", zones = 2, digits = 5, installedOn = "2026-09-01", readings = new { day = 8000, night = 3000 } })).EnsureSuccessStatusCode();
        var customers = new CabinetCustomers(browser.App);
        await new CustomerLogins(browser.App).SignedInAsync(email);
        await customers.LinkAsync(await customers.LoginIdAsync(email), account);
        var page = await browser.NewPageAsync(390, 844);
        var signIn = await page.Context.APIRequest.PostAsync("/api/v1/identity/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email, password = CustomerLogins.Password } });
        Assert.Equal(200, signIn.Status);

        await page.GotoAsync($"/cabinet/accounts/{account}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Передати показання" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Показання лічильника", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#window")).ToContainTextAsync("Показник зарахується за листопад 2026");
        // With script the «Порахувати» button is not needed: the preview follows the typing.
        await Assertions.Expect(page.Locator("#preview-button")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);

        // A typo below the previous value is refused beside its field, which gets the focus.
        await page.GetByLabel("День, кВт·год").FillAsync("8180");
        await page.GetByLabel("Ніч (23:00–07:00), кВт·год").FillAsync("2070");
        await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("менші за попередні");
        await page.GetByRole(AriaRole.Button, new() { Name = "Передати показання" }).ClickAsync();
        await Assertions.Expect(page.Locator("#value-night-error")).ToContainTextAsync("Показання менші за попередні");
        await Assertions.Expect(page.GetByLabel("Ніч (23:00–07:00), кВт·год")).ToBeFocusedAsync();
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Ніч (23:00–07:00), кВт·год").FillAsync("3070");
        await Assertions.Expect(page.Locator("#value-night-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("Це 250 кВт·год (день 180, ніч 70) з 01.09.2026 — орієнтовно 928,80 грн за листопад 2026.");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The reading form scrolls sideways at 390 px");
        await BrowserFixture.ScreenshotAsync(page, "reading-form-phone");

        // A jump far above the usual is a question, answered from the keyboard.
        await page.GetByLabel("День, кВт·год").FillAsync("18000");
        await page.GetByLabel("День, кВт·год").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#confirm-step")).ToContainTextAsync("значно більше, ніж зазвичай");
        await Assertions.Expect(page.GetByLabel("Так, на лічильнику саме ці цифри")).ToBeFocusedAsync();
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "reading-form-confirm-phone");
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Підтвердити й передати" }).ClickAsync();

        await page.WaitForURLAsync($"**/cabinet/accounts/{account}/readings#done");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Показання прийнято за листопад 2026");
        await Assertions.Expect(page.Locator("table.readings tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("table.readings tbody tr").First).ToContainTextAsync("25.11.2026");
        await BrowserFixture.ScreenshotAsync(page, "reading-form-sent-phone");
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
