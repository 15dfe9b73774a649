using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>Issue 9, item 7: every response carries the security headers; Production keeps the problem code and adds HSTS.</summary>
public sealed class SecurityHeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<string> Pages() =>
    [
        "/",
        "/restoration/apply",
        $"/restoration/{Guid.NewGuid()}",
        $"/restoration/{Guid.NewGuid()}/confirm?token=x&code=123456",
        "/backoffice/sign-in",
        "/backoffice",
        "/css/site.css",
        "/js/status.js",
        "/api/v1/restoration-applications/00000000-0000-0000-0000-000000000001",
        "/health/live",
        "/no-such-page",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle_SoThePolicyHolds()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var pages = new List<string>();
        foreach (var path in new[] { "/", "/restoration/apply", "/backoffice/sign-in" })
        {
            pages.Add(await browser.GetStringAsync(path));
        }

        // The apply form with errors: it moves the focus to their summary with a script.
        var withErrors = await browser.PostAsync("/restoration/apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(pages[1]),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, withErrors.StatusCode);
        pages.Add(await withErrors.Content.ReadAsStringAsync());
        Assert.Contains("/js/apply.js", pages[^1], StringComparison.Ordinal);

        foreach (var html in pages)
        {
            Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
            Assert.DoesNotMatch(@"\sstyle=""", html);
            Assert.DoesNotMatch(@"\son[a-z]+=""", html);
        }
    }

    [Fact]
    public async Task ApiReference_IsRelaxedOnlyForItself_AndStillServed()
    {
        var page = await app.CreateClient().GetAsync("/api/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("'unsafe-inline'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/anything")]
    [InlineData("/api/v2/restoration-applications")]
    public async Task ApiReferencePolicy_IsNotGivenToOtherPathsUnderApi(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(Vidnova.Hosting.SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Production_KeepsTheProblemCode_AndSendsHstsOverHttps()
    {
        using var production = app.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://vidnova.example.ua") });

        var refused = await client.PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("12"));
        var notFound = await client.GetAsync("/api/v1/restoration-applications/00000000-0000-0000-0000-000000000001");
        var noRoute = await client.DeleteAsync("/api/v1/restoration-applications");

        Assert.Equal("invalid_input", (await refused.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("application_not_found", (await notFound.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.False(string.IsNullOrEmpty((await noRoute.ReadAsync<Problem>(noRoute.StatusCode)).Code), await noRoute.Content.ReadAsStringAsync());
        Assert.StartsWith("max-age=", Header(notFound, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri} has no {name} header ({(int)response.StatusCode})");
}
