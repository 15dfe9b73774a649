using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Browser;

/// <summary>
/// The personal account on a 390 × 844 phone: register, confirm by the emailed link, sign in with the keyboard,
/// turn the authenticator on, sign in again with its code — each page checked by axe-core.
/// </summary>
public sealed partial class CabinetJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    [Fact]
    public async Task OnAPhone_RegisterConfirmSignInAndTurnOnTheAuthenticator_WithNoSeriousAccessibilityViolation()
    {
        const string email = "kateryna@example.com";
        var page = await browser.NewPageAsync(PhoneWidth, PhoneHeight);

        // The portal's header leads to the cabinet.
        await page.GotoAsync("/");
        await BrowserFixture.ScreenshotAsync(page, "portal-home-phone");
        await ExpectNoSidewaysScrollAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Основна навігація" }).GetByRole(AriaRole.Link, new() { Name = "Увійти" }).ClickAsync();
        await page.WaitForURLAsync("**/cabinet/sign-in");
        await ExpectAccessibleAsync(page, "cabinet-sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Забули пароль?" }).ClickAsync();
        await ExpectAccessibleAsync(page, "cabinet-forgot-password");
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Зареєструватися" }).ClickAsync();
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "ab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Зареєструватися" }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-error")).ToContainTextAsync("Пароль закороткий");
        await ExpectAccessibleAsync(page, "cabinet-register-error");
        await page.FillAsync("#password", CustomerLogins.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Зареєструватися" }).ClickAsync();
        await Assertions.Expect(page.Locator("#registered")).ToContainTextAsync(email);
        await ExpectAccessibleAsync(page, "cabinet-registered");

        // The link from the email, as the mail folder holds it.
        var link = await new CustomerLogins(browser.App).ConfirmationLinkAsync(email);
        await page.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Email підтверджено");
        await ExpectAccessibleAsync(page, "cabinet-email-confirmed");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Увійти" }).ClickAsync();

        // The keyboard alone: type, Tab to the password, Enter submits.
        await page.Locator("#email").FocusAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(CustomerLogins.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/cabinet$"));
        var cabinetNav = page.GetByRole(AriaRole.Navigation, new() { Name = "Особистий кабінет" });
        await Assertions.Expect(cabinetNav.GetByRole(AriaRole.Link, new() { Name = "Мої рахунки" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToContainTextAsync(email);
        await ExpectAccessibleAsync(page, "cabinet-home");
        await ExpectNoSidewaysScrollAsync(page);

        await cabinetNav.GetByRole(AriaRole.Link, new() { Name = "Безпека" }).ClickAsync();
        await Assertions.Expect(cabinetNav.GetByRole(AriaRole.Link, new() { Name = "Безпека" })).ToHaveAttributeAsync("aria-current", "page");
        await ExpectAccessibleAsync(page, "cabinet-security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Увімкнути вхід з кодом" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-код для застосунку-автентифікатора" })).ToBeVisibleAsync();
        await ExpectAccessibleAsync(page, "cabinet-security-totp-setup");
        await ExpectNoSidewaysScrollAsync(page);
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.FillAsync("#code", CabinetPages.TotpCode(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Увімкнути", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await ExpectAccessibleAsync(page, "cabinet-security-recovery-codes");

        await cabinetNav.GetByRole(AriaRole.Button, new() { Name = "Вийти" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Основна навігація" }).GetByRole(AriaRole.Link, new() { Name = "Увійти" }))
            .ToBeVisibleAsync();

        // Signing in again asks for the authenticator's code.
        await page.GotoAsync("/cabinet/security");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", CustomerLogins.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Код підтвердження входу");
        await ExpectAccessibleAsync(page, "cabinet-sign-in-code");
        await page.FillAsync("#code", CabinetPages.TotpCode(key, DateTimeOffset.UtcNow, stepOffset: 1));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/cabinet/security");
        await Assertions.Expect(page.Locator("#two-factor")).ToContainTextAsync("Увімкнено");
    }

    [Fact]
    public async Task TheCabinetsHeader_FitsAPhone_InEnglishToo()
    {
        var page = await browser.NewPageAsync(PhoneWidth, PhoneHeight);
        await page.GotoAsync("/cabinet/register?culture=en");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Register for a personal account");
        await ExpectAccessibleAsync(page, "cabinet-register-en");
        await ExpectNoSidewaysScrollAsync(page);
        var header = await page.Locator(".site-header").BoundingBoxAsync();
        Assert.True(header!.Height < 80, $"The header takes {header.Height} px of a phone's screen.");
    }

    [Fact]
    public async Task ASupervisor_FindsACustomer_AndConfirmsAnUnlink_OnAnAccessiblePage()
    {
        const string email = "bohdan@example.com";
        var logins = new CustomerLogins(browser.App);
        await logins.RegisterAsync(email);
        await logins.ConfirmAsync(email);
        var loginId = await browser.App.InDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Vidnova.Customers.CustomerLogin>().Where(l => l.Email == email).Select(l => l.Id)));
        await browser.App.InDatabaseAsync(db =>
        {
            var link = Vidnova.Customers.AccountLink.Create(loginId, Vidnova.Kernel.AccountNumber.Parse("4200000001"), isHolder: true, browser.App.Clock.GetCurrentInstant());
            db.Add(link);
            db.Add(Vidnova.Customers.AccountLinkEvent.Linked(link, $"customer:{loginId}"));
            return db.SaveChangesAsync();
        });
        await browser.App.AddStaffAsync("iryna@vidnova.test", Vidnova.Hosting.StaffRoles.Supervisor);

        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/backoffice/sign-in");
        await page.FillAsync("input[type=email]", "iryna@vidnova.test");
        await page.FillAsync("input[type=password]", StaffSignIn.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Клієнти" }).ClickAsync();
        await page.FillAsync("#q", "4200000001");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(email);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Відв'язати {email}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-unlink")).ToBeVisibleAsync();
        await ExpectAccessibleAsync(page, "backoffice-customers-unlink");
        await page.FillAsync("#reason", "Перевірка: власник звернувся телефоном");
        await page.GetByRole(AriaRole.Button, new() { Name = "Так, відв'язати" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("відв'язано від рахунку 4200000001");
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync("Перевірка: власник звернувся телефоном");
        await ExpectAccessibleAsync(page, "backoffice-customers-history");
    }

    /// <summary>axe-core finds no serious or critical violation on the page; a screenshot of it is kept to look at.</summary>
    private static async Task ExpectAccessibleAsync(IPage page, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, name);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name} ({page.Url}): " + string.Join("; ",
            serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    private static async Task ExpectNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} scrolls sideways on a phone.");
}
