using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Customers;

/// <summary>Customer logins through ASP.NET Core Identity's API endpoints under <c>/api/v1/identity</c>, as the mobile app uses them.</summary>
public abstract partial class CustomerIdentityTests(VidnovaApp app)
{
    private readonly CustomerLogins _logins = new(app);

    [Fact]
    public async Task Register_ConfirmByTheEmailedLink_ThenLogin_GivesABearerTokenForAnHourAndARefreshToken()
    {
        const string email = "olena@example.com";
        await _logins.RegisterAsync(email);

        var beforeConfirming = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email, password = CustomerLogins.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, beforeConfirming.StatusCode);

        var link = await _logins.ConfirmationLinkAsync(email);
        Assert.StartsWith("https://vidnova.test/cabinet/confirm-email?userId=", link.AbsoluteUri, StringComparison.Ordinal);
        await _logins.ConfirmAsync(email);

        var tokens = await _logins.LoginAsync(email);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        var info = await app.Customer(tokens.AccessToken).GetFromJsonAsync<LoginInfo>("/api/v1/identity/manage/info", Json.Options);
        Assert.Equal(new LoginInfo(email, true), info);
    }

    [Fact]
    public async Task AnExpiredAccessToken_IsRefused_AndTheRefreshTokenGivesANewOne()
    {
        const string email = "taras@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);
        var tokens = await _logins.LoginAsync(email);

        app.TokenTime.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Customer(tokens.AccessToken).GetAsync("/api/v1/identity/manage/info")).StatusCode);
        var refreshed = await (await app.CreateClient().PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = tokens.RefreshToken }))
            .ReadAsync<AccessTokens>(HttpStatusCode.OK);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await app.Customer(refreshed.AccessToken).GetAsync("/api/v1/identity/manage/info")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredRefreshToken_IsRefused()
    {
        const string email = "marta@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);
        var tokens = await _logins.LoginAsync(email);

        app.TokenTime.Advance(TimeSpan.FromDays(15));

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheLogin_EvenAgainstTheRightOne()
    {
        const string email = "lock@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email, password = "не-той-пароль-зовсім" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email, password = CustomerLogins.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("LockedOut", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_EmailsACode_ThatSetsANewPassword()
    {
        const string email = "reset@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/identity/forgotPassword", new { email })).StatusCode);
        var mail = await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Відновлення пароля", StringComparison.Ordinal), "with a reset code");
        var code = ResetCode().Match(mail.TextBody).Groups["code"].Value;
        Assert.Contains($"https://vidnova.test/cabinet/reset-password?email=", mail.TextBody, StringComparison.Ordinal);

        var reset = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/resetPassword",
            new { email, resetCode = code, newPassword = "новий-довгий-пароль" });
        Assert.True(reset.StatusCode == HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());

        await _logins.LoginAsync(email, "новий-довгий-пароль");
        var old = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email, password = CustomerLogins.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Fact]
    public async Task AShortPassword_IsRefusedWithTheRuleThatFailed()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/register", new { email = "short@example.com", password = "abc123" });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Contains("PasswordTooShort", problem.Errors!.Keys);
    }

    [Fact]
    public async Task ACustomerToken_HasNoStaffRights()
    {
        var customer = await _logins.SignedInAsync("nostaff@example.com");

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/accounts/1000000001")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/dso/work-orders")).StatusCode);
    }

    [Fact]
    public async Task LoginWithCookies_SetsTheCustomersCookieOnly()
    {
        const string email = "cookie@example.com";
        await _logins.RegisterAsync(email);
        await _logins.ConfirmAsync(email);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/identity/login?useCookies=true", new { email, password = CustomerLogins.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("vidnova.customer=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(cookies, c => c.StartsWith("vidnova.staff=", StringComparison.Ordinal));
    }

    private sealed record LoginInfo(string Email, bool IsEmailConfirmed);

    [GeneratedRegex(@"у застосунку: (?<code>\S+)")]
    private static partial Regex ResetCode();
}

public sealed class CustomerIdentityOnSqlite(SqliteApp app) : CustomerIdentityTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerIdentityOnPostgres(PostgresApp app) : CustomerIdentityTests(app), IClassFixture<PostgresApp>;
