using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vidnova.Customers;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Customers;

/// <summary>The cabinet's identity pages (register, confirm, sign in, second factor, reset, security) with the customer's cookie.</summary>
public abstract partial class CabinetIdentityPagesTests(VidnovaApp app)
{
    private readonly CabinetPages _pages = new(app);
    private readonly CustomerLogins _logins = new(app);

    [Fact]
    public async Task RegisterOnThePage_TheEmailedLinkConfirmsOnThePage_AndSignInSetsTheCustomersCookie()
    {
        const string email = "page-olena@example.com";
        var browser = _pages.NewBrowser();

        var registered = await CabinetPages.RegisterAsync(browser, email);
        Assert.Contains("Ми надіслали лист на page-olena@example.com", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var notYet = await CabinetPages.SignInAsync(browser, email);
        Assert.Contains("Email ще не підтверджено", await notYet.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var link = await _logins.ConfirmationLinkAsync(email);
        Assert.Equal("/cabinet/confirm-email", link.AbsolutePath);
        var confirmed = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Email підтверджено", confirmed, StringComparison.Ordinal);
        Assert.Contains("href=\"/cabinet/sign-in\"", confirmed, StringComparison.Ordinal);

        var signedIn = await CabinetPages.SignInAsync(browser, email);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/cabinet", signedIn.Headers.Location?.OriginalString);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"),
            c => c.StartsWith($"{CustomersModule.CookieName}=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(email, await browser.GetStringAsync("/cabinet"), StringComparison.Ordinal);
        // The cabinet's navigation marks the page the customer is on.
        Assert.Contains("href=\"/cabinet/security\" aria-current=\"page\"", await browser.GetStringAsync("/cabinet/security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppsConfirmationLink_IsConfirmedByThePageToo()
    {
        const string email = "app-link@example.com";
        await _logins.RegisterAsync(email);
        var link = await _logins.ConfirmationLinkAsync(email);

        Assert.Contains("Email підтверджено", await _pages.NewBrowser().GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        await _logins.LoginAsync(email);
        // Identity's endpoint makes the login with new TUser(); it is stamped with our clock all the same.
        Assert.Equal(app.Clock.GetCurrentInstant(),
            await app.InDatabaseAsync(db => db.Set<CustomerLogin>().Where(l => l.Email == email).Select(l => l.RegisteredAt).SingleAsync()));
    }

    [Fact]
    public async Task ABrokenConfirmationLink_SaysSo_AndOffersToSignIn()
    {
        var page = await _pages.NewBrowser().GetStringAsync($"/cabinet/confirm-email?userId={Guid.NewGuid()}&code=not-base64!");

        Assert.Contains("Посилання не спрацювало", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cabinet/sign-in\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheRightPassword_LearnsThatTheAddressAwaitsConfirmation_AndMayAskForTheLinkAgain()
    {
        const string email = "unconfirmed@example.com";
        await _logins.RegisterAsync(email);
        var browser = _pages.NewBrowser();

        var wrong = await (await CabinetPages.SignInAsync(browser, email, "зовсім-не-той-пароль")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("не підтверджено", wrong, StringComparison.Ordinal);
        Assert.Contains("Email або пароль невірні", wrong, StringComparison.Ordinal);

        var right = await (await CabinetPages.SignInAsync(browser, email)).Content.ReadAsStringAsync();
        Assert.Contains("Email ще не підтверджено", right, StringComparison.Ordinal);
        var before = app.Mail.All().Count(m => m.To == email);
        var resent = await CabinetPages.SubmitAsync(browser, "/cabinet/sign-in", new Dictionary<string, string> { ["Email"] = email },
            action: "/cabinet/sign-in?handler=Resend");
        Assert.Contains("ми надіслали на неї новий лист", await resent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(app.Mail.All().Count(m => m.To == email) > before), TimeSpan.FromSeconds(15),
            () => "No second confirmation email");
    }

    [Fact]
    public async Task FiveWrongPasswordsOnThePage_LockTheLogin_WithASentenceSayingWhenToTryAgain()
    {
        const string email = "page-lock@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);
        var browser = _pages.NewBrowser();

        for (var attempt = 1; attempt < 5; attempt++)
        {
            Assert.Contains("Email або пароль невірні",
                await (await CabinetPages.SignInAsync(browser, email, "не-той-пароль-зовсім")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var fifth = await (await CabinetPages.SignInAsync(browser, email, "не-той-пароль-зовсім")).Content.ReadAsStringAsync();
        Assert.Contains("вхід тимчасово заблоковано. Спробуйте знову через 15 хв", fifth, StringComparison.Ordinal);
        var right = await CabinetPages.SignInAsync(browser, email);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("вхід тимчасово заблоковано", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ReturnsOnlyToALocalAddress()
    {
        const string email = "return@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);

        var local = await CabinetPages.SignInAsync(_pages.NewBrowser(), email, returnUrl: "/cabinet/security");
        Assert.Equal("/cabinet/security", local.Headers.Location?.OriginalString);
        var foreign = await CabinetPages.SignInAsync(_pages.NewBrowser(), email, returnUrl: "https://evil.example/cabinet");
        Assert.Equal("/cabinet", foreign.Headers.Location?.OriginalString);
        var protocolRelative = await CabinetPages.SignInAsync(_pages.NewBrowser(), email, returnUrl: "//evil.example");
        Assert.Equal("/cabinet", protocolRelative.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheSecurityPage_AsksAStrangerToSignIn_AndSignOutIsAPost()
    {
        var stranger = await _pages.NewBrowser().GetAsync("/cabinet/security");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/cabinet/sign-in", stranger.Headers.Location?.AbsolutePath, StringComparison.Ordinal);

        var browser = await _pages.SignedInAsync("signout@example.com");
        var signedOut = await CabinetPages.SubmitAsync(browser, "/cabinet/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/cabinet/security")).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_AnswersAlike_AndTheEmailedLinkSetsANewPassword()
    {
        const string email = "page-reset@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);
        var browser = _pages.NewBrowser();

        var unknown = await CabinetPages.SubmitAsync(browser, "/cabinet/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@example.com" });
        var known = await CabinetPages.SubmitAsync(browser, "/cabinet/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(
            (await unknown.Content.ReadAsStringAsync()).Replace("nobody@example.com", email, StringComparison.Ordinal).Split("<main")[1],
            (await known.Content.ReadAsStringAsync()).Split("<main")[1]);

        var mail = await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Відновлення пароля", StringComparison.Ordinal), "with a reset link");
        var link = new Uri(ResetLink().Match(mail.TextBody).Value);
        Assert.Equal("/cabinet/reset-password", link.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        Assert.Contains("value=\"page-reset@example.com\"", await browser.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);

        var tooShort = await CabinetPages.SubmitAsync(browser, link.PathAndQuery, new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Code"] = query["code"].ToString(),
            ["NewPassword"] = "коротко",
        });
        Assert.Contains("Пароль закороткий", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reset = await CabinetPages.SubmitAsync(browser, link.PathAndQuery, new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Code"] = query["code"].ToString(),
            ["NewPassword"] = "новий-довгий-пароль",
        });
        Assert.Contains("Пароль змінено", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CabinetPages.SignInAsync(_pages.NewBrowser(), email, "новий-довгий-пароль")).StatusCode);

        // The same link a second time: the password changed, so its code no longer works.
        var again = await CabinetPages.SubmitAsync(browser, link.PathAndQuery, new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Code"] = query["code"].ToString(),
            ["NewPassword"] = "ще-один-новий-пароль",
        });
        Assert.Contains("Посилання чи код недійсні або застаріли", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuthenticator_OnceOn_IsAskedForAtSignIn_AndARecoveryCodeWorksOnce()
    {
        const string email = "totp@example.com";
        var browser = await _pages.SignedInAsync(email);

        var setup = await (await CabinetPages.SubmitAsync(browser, "/cabinet/security", new Dictionary<string, string>(),
            action: "/cabinet/security?handler=StartTwoFactor")).Content.ReadAsStringAsync();
        var key = CabinetPages.SharedKeyIn(setup);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.Contains("src=\"data:image/png;base64,", setup, StringComparison.Ordinal);

        var wrongCode = await (await CabinetPages.SubmitAsync(browser, "/cabinet/security", new Dictionary<string, string> { ["Code"] = "000000" },
            action: "/cabinet/security?handler=EnableTwoFactor")).Content.ReadAsStringAsync();
        Assert.Contains("Код не підійшов", wrongCode, StringComparison.Ordinal);

        var enabled = await (await CabinetPages.SubmitAsync(browser, "/cabinet/security",
            new Dictionary<string, string> { ["Code"] = CabinetPages.TotpCode(key, DateTimeOffset.UtcNow) },
            action: "/cabinet/security?handler=EnableTwoFactor")).Content.ReadAsStringAsync();
        Assert.Contains("Вхід з кодом увімкнено", enabled, StringComparison.Ordinal);
        var recoveryCodes = CabinetPages.RecoveryCodesIn(enabled);
        Assert.Equal(10, recoveryCodes.Count);
        // Shown once: the page does not show them again.
        Assert.DoesNotContain(recoveryCodes[0], await browser.GetStringAsync("/cabinet/security"), StringComparison.Ordinal);

        // A new browser: the password alone no longer signs in.
        var phone = _pages.NewBrowser();
        var password = await CabinetPages.SignInAsync(phone, email);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/cabinet/sign-in/code?", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/cabinet/security")).StatusCode);
        var wrong = await CabinetPages.SubmitAsync(phone, password.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = "123456" });
        Assert.Contains("Код невірний", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withCode = await CabinetPages.SubmitAsync(phone, password.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["Code"] = CabinetPages.TotpCode(key, DateTimeOffset.UtcNow, stepOffset: 1) });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/cabinet/security")).StatusCode);

        // Without the phone: a recovery code signs in, once.
        async Task<HttpResponseMessage> WithRecoveryCodeAsync()
        {
            var laptop = _pages.NewBrowser();
            await CabinetPages.SignInAsync(laptop, email);
            return await CabinetPages.SubmitAsync(laptop, "/cabinet/sign-in/code?recovery=true",
                new Dictionary<string, string> { ["Code"] = recoveryCodes[3], ["Recovery"] = "true" });
        }

        Assert.Equal(HttpStatusCode.Redirect, (await WithRecoveryCodeAsync()).StatusCode);
        var reused = await WithRecoveryCodeAsync();
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Код відновлення невірний або вже використаний", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Невикористаних кодів відновлення: 9", await phone.GetStringAsync("/cabinet/security"), StringComparison.Ordinal);

        // Turned off, the password is enough again.
        await CabinetPages.SubmitAsync(phone, "/cabinet/security", new Dictionary<string, string>(), action: "/cabinet/security?handler=DisableTwoFactor");
        Assert.Equal("/cabinet", (await CabinetPages.SignInAsync(_pages.NewBrowser(), email)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ChangingTheEmail_SendsALinkToTheNewAddress_ThatMovesTheLogin()
    {
        var browser = await _pages.SignedInAsync("old-address@example.com");

        var asked = await CabinetPages.SubmitAsync(browser, "/cabinet/security", new Dictionary<string, string> { ["NewEmail"] = "new-address@example.com" },
            action: "/cabinet/security?handler=ChangeEmail");
        Assert.Contains("Ми надіслали лист на new-address@example.com", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var link = await _logins.ConfirmationLinkAsync("new-address@example.com");
        Assert.Equal("new-address@example.com", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["changedEmail"].ToString());
        var confirmed = await browser.GetStringAsync(link.PathAndQuery);
        Assert.True(confirmed.Contains("Тепер ви входите з адресою new-address@example.com", StringComparison.Ordinal), confirmed);
        Assert.Equal(HttpStatusCode.Redirect, (await CabinetPages.SignInAsync(_pages.NewBrowser(), "new-address@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CabinetPages.SignInAsync(_pages.NewBrowser(), "old-address@example.com")).StatusCode);
    }

    [Fact]
    public async Task ChangingThePassword_RefusesAWrongCurrentOne_InUkrainian()
    {
        const string email = "change-password@example.com";
        var browser = await _pages.SignedInAsync(email);

        var wrong = await CabinetPages.SubmitAsync(browser, "/cabinet/security",
            new Dictionary<string, string> { ["CurrentPassword"] = "не-той-зовсім-пароль", ["NewPassword"] = "інший-довгий-пароль" },
            action: "/cabinet/security?handler=ChangePassword");
        Assert.Contains("Поточний пароль невірний", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await CabinetPages.SubmitAsync(browser, "/cabinet/security",
            new Dictionary<string, string> { ["CurrentPassword"] = CustomerLogins.Password, ["NewPassword"] = "інший-довгий-пароль" },
            action: "/cabinet/security?handler=ChangePassword");
        Assert.Contains("Пароль змінено", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cabinet/security")).StatusCode);
        await _logins.LoginAsync(email, "інший-довгий-пароль");
    }

    [Theory]
    [InlineData("uk", "Пароль закороткий: потрібно щонайменше 10 символів")]
    [InlineData("en", "The password is too short: it needs at least 10 characters")]
    public async Task AShortPassword_IsRefusedInTheRequestsLanguage_OnThePageAndByTheApi(string language, string sentence)
    {
        var page = await CabinetPages.RegisterAsync(_pages.NewBrowser(language), $"short-{language}@example.com", "abc123");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(sentence, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must be", html, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/identity/register")
        {
            Content = JsonContent.Create(new { email = $"short-api-{language}@example.com", password = "abc123" }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var problem = await (await app.CreateClient().SendAsync(request)).ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.StartsWith(sentence, Assert.Single(problem.Errors!["PasswordTooShort"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressNoPersonHas_IsRefusedWithASentence_NeverA500()
    {
        var tooLong = new string('a', 250) + "@example.com";
        var page = await CabinetPages.RegisterAsync(_pages.NewBrowser(), tooLong);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("не схоже на адресу email", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/register", new { email = tooLong, password = CustomerLogins.Password });
        Assert.Contains("InvalidEmail", (await api.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.False(await app.InDatabaseAsync(db => db.Set<CustomerLogin>().AnyAsync(l => l.Email!.StartsWith("aaaa"))));
    }

    [Theory]
    [InlineData("/api/v1/identity/login")]
    [InlineData("/api/v1/identity/register")]
    [InlineData("/api/v1/identity/forgotPassword")]
    [InlineData("/api/v1/identity/resendConfirmationEmail")]
    public async Task IdentitysApi_RefusesAControlCharacterInTheEmail_WithA400NamingIt(string path)
    {
        var response = await app.CreateClient().PostAsJsonAsync(path, new { email = "nul\u0000@example.com", password = CustomerLogins.Password });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Contains("email", problem.Errors!.Keys);
    }

    [GeneratedRegex(@"https://vidnova\.test/cabinet/reset-password\?[^\s""<>]+")]
    private static partial Regex ResetLink();
}

public sealed class CabinetIdentityPagesOnSqlite(SqliteApp app) : CabinetIdentityPagesTests(app), IClassFixture<SqliteApp>;

public sealed class CabinetIdentityPagesOnPostgres(PostgresApp app) : CabinetIdentityPagesTests(app), IClassFixture<PostgresApp>;
