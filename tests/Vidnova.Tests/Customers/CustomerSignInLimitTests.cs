using System.Net;
using System.Net.Http.Json;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Customers;

/// <summary>
/// Sign-in, registration, reset and confirmation-email requests from one address share one budget an hour, on the
/// cabinet's pages and Identity's API alike; another address is not affected.
/// </summary>
public abstract class CustomerSignInLimitTests(LimitedApp app)
{
    [Fact]
    public async Task PagesAndIdentitysApi_ShareOneBudgetPerAddress_ThenRefuseWith429()
    {
        const string peer = "198.51.100.20";
        var browser = app.From(peer, handleCookies: true);
        var api = app.From(peer);

        Assert.Equal(HttpStatusCode.OK, (await CabinetPages.SignInAsync(browser, "nobody@example.com", "ніякий-пароль-тут")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CabinetPages.RegisterAsync(browser, "limited@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/v1/identity/forgotPassword", new { email = "limited@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/v1/identity/resendConfirmationEmail", new { email = "limited@example.com" })).StatusCode);

        var apiRefused = await api.PostAsJsonAsync("/api/v1/identity/login", new { email = "limited@example.com", password = CustomerLogins.Password });
        var problem = await apiRefused.ReadAsync<Problem>(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.Code);
        Assert.StartsWith("Забагато спроб входу чи реєстрації з вашої мережі", problem.Detail, StringComparison.Ordinal);
        Assert.True(apiRefused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        var pageRefused = await CabinetPages.SubmitAsync(browser, "/cabinet/forgot-password", new Dictionary<string, string> { ["Email"] = "limited@example.com" });
        Assert.Equal(HttpStatusCode.TooManyRequests, pageRefused.StatusCode);
        Assert.Contains("Забагато спроб входу чи реєстрації з вашої мережі", await pageRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await app.From(peer).PostAsJsonAsync("/api/v1/identity/register", new { email = "x@example.com", password = CustomerLogins.Password })).StatusCode);

        // Reading pages and calls the limit does not cover are not refused; neither is another address.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cabinet/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CabinetPages.SignInAsync(app.From("198.51.100.21", handleCookies: true), "nobody@example.com", "ніякий-пароль-тут")).StatusCode);
    }
}

public sealed class CustomerSignInLimitOnSqlite(LimitedSqliteApp app) : CustomerSignInLimitTests(app), IClassFixture<LimitedSqliteApp>;

public sealed class CustomerSignInLimitOnPostgres(LimitedPostgresApp app) : CustomerSignInLimitTests(app), IClassFixture<LimitedPostgresApp>;
