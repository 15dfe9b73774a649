using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Problems;

/// <summary>
/// A host where any page asked with <c>?fail=1</c> throws, the way an unexpected bug would, inside the pipeline.
/// </summary>
public class FailingPagesApp(DatabaseProvider provider) : VidnovaApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<MvcOptions>(o => o.Filters.Add(new FailOnRequest())));
    }

    private sealed class FailOnRequest : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            // Not on the error page itself, which the handler runs with the same query string.
            if (context.HttpContext.Request.Query.ContainsKey("fail") && !context.HttpContext.Request.Path.StartsWithSegments("/error"))
            {
                throw new InvalidOperationException("A bug the test planted.");
            }
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}

public sealed class FailingPagesSqliteApp() : FailingPagesApp(DatabaseProvider.Sqlite);

public sealed class FailingPagesPostgresApp() : FailingPagesApp(DatabaseProvider.Postgres);

/// <summary>
/// A browser (Accept: text/html) gets a page for people on an unknown address or a failure, in Ukrainian or English;
/// API clients — paths under /api, Accept: application/json, no Accept — keep getting problem details.
/// </summary>
public abstract class PeopleErrorPagesTests(VidnovaApp app)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task UnknownAddress_InABrowser_IsAPageForPeople_WithTheStatus404()
    {
        var response = await SendAsync("/no-such-page", BrowserAccept);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Сторінку не знайдено", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains("/css/site.css", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"icon\" href=\"/favicon.svg\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_InABrowserAskingForEnglish_IsInEnglish()
    {
        var response = await SendAsync("/no-such-page", BrowserAccept, language: "en");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageThatFails_InABrowser_IsAPageForPeople_WithTheStatus500AndATraceId()
    {
        var response = await SendAsync("/?fail=1", BrowserAccept);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Щось пішло не так", html, StringComparison.Ordinal);
        Assert.DoesNotContain("A bug the test planted", html, StringComparison.Ordinal);
        Assert.Contains("<code>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page", "application/json")]
    [InlineData("/no-such-page", null)]
    [InlineData("/api/v1/no-such-resource", BrowserAccept)]
    [InlineData("/?fail=1", "application/json")]
    public async Task ApiClients_KeepGettingProblemDetails(string path, string? accept)
    {
        var response = await SendAsync(path, accept);

        Assert.True((int)response.StatusCode is 404 or 500, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Favicon_IsAnSvg()
    {
        var response = await SendAsync("/favicon.svg", "image/svg+xml,image/*;q=0.8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? accept, string? language = null)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return await client.SendAsync(request);
    }
}

public sealed class PeopleErrorPagesOnSqlite(FailingPagesSqliteApp app) : PeopleErrorPagesTests(app), IClassFixture<FailingPagesSqliteApp>;

public sealed class PeopleErrorPagesOnPostgres(FailingPagesPostgresApp app) : PeopleErrorPagesTests(app), IClassFixture<FailingPagesPostgresApp>;
