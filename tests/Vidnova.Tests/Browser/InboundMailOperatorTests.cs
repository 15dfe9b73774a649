using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using MimeKit;
using Vidnova.InboundMail;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Infrastructure;
using Vidnova.Tests.Restoration.Receipts;

namespace Vidnova.Tests.Browser;

/// <summary>An operator works through the emails the system could not act on, in a desktop browser.</summary>
public sealed class InboundMailOperatorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    [Fact]
    public async Task Operator_FilesAReceiptFromAnUnmatchedEmail_AndClosesAQuestion()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("4200000001");
        await _scenario.PutAccountAsync("4200000002");
        await browser.App.AddStaffAsync("ivan@vidnova.test");
        var application = await _scenario.ConfirmedApplicationAsync("4200000001");
        // The spouse pays and writes from their own address, quoting no number the system could trust.
        var fromSpouse = Replies.Fresh("Квитанція за світло", "Добрий день, оплатили за Шевченка.", "oksana@example.com",
            Replies.Pdf(Replies.BankReceipt(application.Number), "privat24.pdf"));
        var question = Replies.Fresh("Питання", "Коли прийде електрик?", "oksana@example.com");
        Assert.Equal("unmatched", (await PushAsync(fromSpouse)).Outcome);
        Assert.Equal("unmatched", (await PushAsync(question)).Outcome);

        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/backoffice");
        await page.FillAsync("input[type=email]", "ivan@vidnova.test");
        await page.FillAsync("input[type=password]", "secret-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Вхідна пошта" }).ClickAsync();
        await Assertions.Expect(page.Locator(".counts")).ToContainTextAsync("Чекають на оператора: 2");
        await Assertions.Expect(page.Locator(".counts")).ToContainTextAsync("Заяву не знайдено: 2");
        await BrowserFixture.ScreenshotAsync(page, "backoffice-inbound-mail");

        // The receipt: the operator recognises the customer and files the PDF under the application.
        await page.GetByRole(AriaRole.Link, new() { Name = "Квитанція за світло" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("privat24.pdf");
        await page.FillAsync("#application-number", application.Number.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати до заяви" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Квитанцію додано до заяви");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("ivan@vidnova.test");
        Assert.Equal("sent_to_dso", (await _scenario.GetAsync(application)).Status);
        await BrowserFixture.ScreenshotAsync(page, "backoffice-inbound-email-filed");

        // The question: a note is required to close it.
        await page.GotoAsync("/backoffice/inbound-mail");
        await page.GetByRole(AriaRole.Link, new() { Name = "Питання" }).ClickAsync();
        await Assertions.Expect(page.Locator(".email-text")).ToContainTextAsync("Коли прийде електрик?");
        await page.Locator("#note").EvaluateAsync("n => n.removeAttribute('required')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Опрацьовано" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("Напишіть, що зроблено з листом");
        await page.FillAsync("#note", "Відповіли телефоном: електрик буде завтра.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Опрацьовано" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Лист позначено опрацьованим");
        await page.GotoAsync("/backoffice/inbound-mail");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Усі листи опрацьовано");
    }

    [Fact]
    public async Task TheApplicationPage_ShowsWhatWasReadFromTheReceipt_WithTheMismatchMarked()
    {
        var page = await ReplyFiledThenOpenedByAnOperatorAsync("4200000003", number => Replies.Pdf(Replies.BankReceipt(number, amount: 1234.55m)));

        var reading = page.Locator("section[aria-labelledby=reading-heading]");
        await Assertions.Expect(reading).ToContainTextAsync("1 234,55");
        await Assertions.Expect(reading.Locator("dd.check-bad")).ToHaveCountAsync(1);
        await Assertions.Expect(reading.Locator("dd.check-bad")).ToContainTextAsync("1 234,55");
        await Assertions.Expect(reading.Locator(".check-list")).ToContainTextAsync("✗");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Лист, у якому надійшла квитанція" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "backoffice-receipt-reading");
    }

    [Fact]
    public async Task AnIPhonePhotoReceipt_SentAsHeic_IsShownInChromium()
    {
        var page = await ReplyFiledThenOpenedByAnOperatorAsync("4200000004", number =>
            Replies.Attachment(ReceiptPdf.Heic(ReceiptPdf.Photograph(Replies.BankReceipt(number), dpi: 100)), "IMG_0044.HEIC", "image/heic"));

        var photo = page.GetByRole(AriaRole.Img, new() { Name = "Квитанція IMG_0044.HEIC" });
        await Assertions.Expect(photo).ToBeVisibleAsync();
        await photo.EvaluateAsync("img => img.decode()");
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 500, "Chromium could not show the converted photo.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Завантажити оригінал" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/backoffice/receipts/[0-9a-f-]+$"));
        await BrowserFixture.ScreenshotAsync(page, "backoffice-heic-receipt");
    }

    /// <summary>The customer replies to the invoice with <paramref name="receipt"/>; an operator signs in on its application's page.</summary>
    private async Task<IPage> ReplyFiledThenOpenedByAnOperatorAsync(string account, Func<string, MimeEntity> receipt)
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account);
        var login = $"operator-{account}@vidnova.test";
        await browser.App.AddStaffAsync(login);
        var application = await _scenario.ConfirmedApplicationAsync(account);
        var invoice = await browser.App.Mail.WaitForAsync(m => m.Subject.Contains(application.Number, StringComparison.Ordinal)
            && m.Subject.StartsWith("Рахунок", StringComparison.Ordinal), "with the invoice");
        Assert.Equal("receipt_filed", (await PushAsync(Replies.To(invoice, attachments: receipt(application.Number)))).Outcome);

        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync($"/backoffice/applications/{application.Id}");
        await page.FillAsync("input[type=email]", login);
        await page.FillAsync("input[type=password]", StaffSignIn.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        return page;
    }

    private async Task<InboundEmailResponse> PushAsync(MimeMessage message)
    {
        var body = new ByteArrayContent(Replies.Bytes(message));
        body.Headers.ContentType = new MediaTypeHeaderValue(InboundMailApi.RawMessageMediaType);
        var response = await browser.App.WithApiKey(VidnovaApp.MailGatewayKey).PostAsync("/api/v1/inbound-emails", body);
        return await response.ReadAsync<InboundEmailResponse>(HttpStatusCode.Created);
    }
}
