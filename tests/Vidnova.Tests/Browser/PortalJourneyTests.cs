using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>The journey as a person does it: a phone-sized browser for the customer, a desktop one for the operator.</summary>
public sealed partial class PortalJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    [Fact]
    public async Task Customer_AppliesConfirmsAndUploads_ThenOperatorApproves()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("4000000001");
        await browser.App.AddStaffAsync("olena@vidnova.test");
        var customer = await browser.NewPageAsync();

        // A surname that does not match is refused with a sentence, and the form keeps what was typed.
        await customer.GotoAsync("/restoration/apply");
        await customer.FillAsync("#accountNumber", "4000000001");
        await customer.FillAsync("#holderSurname", "Франко");
        await customer.FillAsync("#email", "taras@example.com");
        await customer.FillAsync("#emailConfirmation", "taras@example.com");
        await customer.FillAsync("#phone", "067 123 45 67");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Подати заяву" }).ClickAsync();
        await Assertions.Expect(customer.Locator("#refusal")).ToContainTextAsync("Прізвище не збігається");
        Assert.Equal("4000000001", await customer.InputValueAsync("#accountNumber"));

        await customer.FillAsync("#holderSurname", "Шевченко");
        await customer.FillAsync("#email", "taras@example.com");
        await customer.FillAsync("#emailConfirmation", "taras@example.com");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Подати заяву" }).ClickAsync();
        await customer.WaitForURLAsync(ApplicationPage());

        // The code from the email confirms the address and brings the invoice with its QR code.
        var number = (await customer.Locator("h1").InnerTextAsync()).Split(' ').First(w => w.StartsWith("VN-", StringComparison.Ordinal));
        var code = await _scenario.ConfirmationCodeAsync(number);
        await customer.FillAsync("#code", code);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Підтвердити email" }).ClickAsync();
        await Assertions.Expect(customer.Locator($"button[data-copy='{Scenario.DsoIban}']")).ToHaveCountAsync(1);
        Assert.Equal(Scenario.DsoIban, (await customer.Locator(".iban").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal));
        await Assertions.Expect(customer.Locator("img[src^='data:image/png']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "portal-awaiting-payment");

        await customer.SetInputFilesAsync("#receipt-file", new FilePayload { Name = "receipt.pdf", MimeType = "application/pdf", Buffer = Scenario.PdfReceipt });
        await customer.GetByRole(AriaRole.Button, new() { Name = "Надіслати квитанцію" }).ClickAsync();
        await Assertions.Expect(customer.Locator("body")).ToContainTextAsync("Квитанцію отримано");

        // The operator finds it in the queue and approves it.
        var operatorPage = await browser.NewPageAsync(1280, 900);
        // The approve button asks "are you sure?"; answer yes synchronously so a busy machine cannot lose the dialog.
        await operatorPage.AddInitScriptAsync("window.confirm = () => true;");
        await operatorPage.GotoAsync("/backoffice");
        await operatorPage.FillAsync("input[type=email]", "olena@vidnova.test");
        await operatorPage.FillAsync("input[type=password]", "secret-password");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        var receiptLink = await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Відкрити файл у новій вкладці" }).GetAttributeAsync("href");
        var receiptFile = await operatorPage.Context.APIRequest.GetAsync(receiptLink!);
        Assert.Equal(200, receiptFile.Status);
        Assert.Equal("application/pdf", receiptFile.Headers["content-type"]);
        Assert.Equal(Scenario.PdfReceipt, await receiptFile.BodyAsync());
        await operatorPage.Locator("#approve-button").ClickAsync();
        await ExpectTextAsync(operatorPage, "Заявку передано ОСР");
        await BrowserFixture.ScreenshotAsync(operatorPage, "backoffice-application");

        await customer.ReloadAsync();
        await Assertions.Expect(customer.Locator("body")).ToContainTextAsync("Заявку передано ОСР");
    }

    [Fact]
    public async Task Portal_SwitchesToEnglish_AndRemembersIt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("/restoration/apply");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Supervisor_OnAPhone_RetriesAStoppedDeliveryAfterConfirming()
    {
        await _scenario.RegisterWebhookDsoAsync("phone-dso", new Uri("http://127.0.0.1:9/unreachable"), "whsec_phone_0123456789");
        await _scenario.PutAccountAsync("4000000009", dso: "phone-dso");
        var sent = await _scenario.SentToDsoAsync("4000000009");
        var requestId = sent.DsoRequest!.Id;
        // The first attempt fails (nothing listens there); the fake clock never reaches the next one. Stop it as the
        // twelfth failure would.
        await Eventually.TrueAsync(
            async () => !await browser.App.InDatabaseAsync(db => db.Set<DsoDelivery>().AnyAsync(d => d.WorkOrderId == requestId && d.Attempts == 0)),
            TimeSpan.FromSeconds(30), () => "The first delivery attempt did not happen.");

        await browser.App.InDatabaseAsync(db => db.Set<DsoDelivery>().Where(d => d.WorkOrderId == requestId)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.DeadLetteredAt, browser.App.Clock.GetCurrentInstant()).SetProperty(x => x.Attempts, 12)));
        await browser.App.AddStaffAsync("marko@vidnova.test", StaffRoles.Supervisor);

        var page = await browser.NewPageAsync();
        string? confirmation = null;
        page.Dialog += async (_, dialog) =>
        {
            confirmation = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.GotoAsync("/backoffice/sign-in");
        await page.FillAsync("input[type=email]", "marko@vidnova.test");
        await page.FillAsync("input[type=password]", "secret-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Доставка до ОСР" }).ClickAsync();
        await ExpectTextAsync(page, "Зупинених доставок: 1");
        await BrowserFixture.ScreenshotAsync(page, "backoffice-dso-deliveries-phone");
        // The table scrolls inside its own region; the page itself must not scroll sideways.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a phone.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Повторити" }).ClickAsync();
        await ExpectTextAsync(page, "Доставку повернуто в чергу");
        Assert.Contains(sent.Number, confirmation, StringComparison.Ordinal);
    }

    /// <summary>Like Playwright's expectation, but a failure says which page the browser was on and what it showed.</summary>
    private static async Task ExpectTextAsync(IPage page, string text)
    {
        try
        {
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync(text);
        }
        catch (PlaywrightException)
        {
            await BrowserFixture.ScreenshotAsync(page, "failure");
            Assert.Fail($"'{text}' not on {page.Url}: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    [GeneratedRegex(@"/restoration/[0-9a-f-]{36}$")]
    private static partial Regex ApplicationPage();
}
