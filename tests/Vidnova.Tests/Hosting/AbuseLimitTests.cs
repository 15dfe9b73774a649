using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>
/// Issue 9, item 3: one client cannot flood us with applications, emails, guesses or pushes; refusals are 429 with
/// Retry-After and a sentence saying when to try again; the client's address is the trusted proxy's word only.
/// </summary>
public abstract class AbuseLimitTests : IAsyncLifetime
{
    private readonly LimitedApp _app;
    private readonly Scenario _scenario;

    protected AbuseLimitTests(LimitedApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
    }

    public async Task InitializeAsync() => await _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Apply_WhenAnAddressExceedsItsLimit_Is429WithRetryAfterAndASentence_AndCreatesNothing()
    {
        var client = _app.From("198.51.100.10");
        for (var i = 0; i < LimitedApp.ApplicationsPerAddress; i++)
        {
            // Any attempt counts, a refused one too: the form is also an oracle for account numbers and surnames.
            var refused = await client.PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("5100000099"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        await _scenario.PutAccountAsync("5100000001");
        var limited = await client.PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("5100000001"));

        var problem = await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.Code);
        Assert.Contains("Спробуйте знову через", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(0, await ApplicationsForAsync("5100000001"));

        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/restoration-applications")
        {
            Content = JsonContent.Create(Scenario.ApplicationFor("5100000001")),
        };
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var inEnglish = await (await client.SendAsync(english)).ReadAsync<Problem>(HttpStatusCode.TooManyRequests);
        Assert.Contains("Try again in", inEnglish.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPage_WhenAnAddressExceedsItsLimit_ShowsTheSameSentenceWith429()
    {
        var browser = _app.From("198.51.100.11", handleCookies: true);
        HttpResponseMessage? last = null;
        for (var i = 0; i <= LimitedApp.ApplicationsPerAddress; i++)
        {
            var form = await browser.GetStringAsync("/restoration/apply");
            last = await browser.PostAsync("/restoration/apply", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["AccountNumber"] = "5100000098",
                ["HolderSurname"] = "Шевченко",
                ["Email"] = "taras@example.com",
                ["EmailConfirmation"] = "taras@example.com",
                ["Phone"] = "067 123 45 67",
                ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(form),
            }));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter?.Delta);
        var page = await last.Content.ReadAsStringAsync();
        Assert.Contains("Забагато заяв з вашої мережі. Спробуйте знову через", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FromTheTrustedProxy_CountsTheForwardedClient_NotTheProxy()
    {
        var proxy = _app.From(LimitedApp.Proxy);
        for (var i = 0; i < LimitedApp.ApplicationsPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ApplyForwardedAsync(proxy, "203.0.113.5")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ApplyForwardedAsync(proxy, "203.0.113.5")).StatusCode);
        // Another customer behind the same proxy has a budget of their own.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ApplyForwardedAsync(proxy, "203.0.113.6")).StatusCode);
    }

    [Fact]
    public async Task Apply_FromAnUntrustedPeer_IgnoresItsXForwardedFor()
    {
        var stranger = _app.From("198.51.100.12");
        for (var i = 0; i < LimitedApp.ApplicationsPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ApplyForwardedAsync(stranger, $"203.0.113.{100 + i}")).StatusCode);
        }

        // A new made-up address each time changes nothing: the peer itself is counted.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ApplyForwardedAsync(stranger, "203.0.113.200")).StatusCode);
    }

    [Fact]
    public async Task Apply_WhenTheAccountHadItsApplicationsToday_Is429UntilADayHasPassed()
    {
        await _scenario.PutAccountAsync("5100000002");
        for (var i = 0; i < LimitedApp.ApplicationsPerAccount; i++)
        {
            // Apply → cancel cycles: each one used to send a confirmation email to whatever address was typed.
            var applied = await _scenario.ApplyAsync("5100000002", email: $"stranger{i}@example.com");
            var cancelled = await _app.Customer(applied.AccessToken!).PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/cancellation", new { reason = "test" });
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            _app.Clock.Advance(Duration.FromMinutes(1));
        }

        var limited = await _app.From("198.51.100.13").PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("5100000002"));
        var problem = await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.Code);
        Assert.Contains("особовим рахунком", problem.Detail, StringComparison.Ordinal);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.Equal(LimitedApp.ApplicationsPerAccount, await ApplicationsForAsync("5100000002"));

        _app.Clock.Advance(Duration.FromDays(1));
        var later = await _app.From("198.51.100.14").PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("5100000002"));
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public async Task InboundEmails_WhenAKeyExceedsItsLimit_Is429_WhileAnotherKeyIsStillServed()
    {
        for (var i = 0; i < LimitedApp.InboundEmailsPerKey; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await PushAsync(VidnovaApp.MailGatewayKey, i)).StatusCode);
        }

        var limited = await PushAsync(VidnovaApp.MailGatewayKey, 99);
        Assert.Equal("rate_limited", (await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests)).Code);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Created, (await PushAsync(VidnovaApp.AdminKey, 100)).StatusCode);
    }

    [Fact]
    public async Task UploadReceipt_WhenAnApplicationExceedsItsLimit_Is429WithRetryAfter_WhileAnotherApplicationIsServed()
    {
        await _scenario.PutAccountAsync("5100000301");
        await _scenario.PutAccountAsync("5100000302");
        var flooded = await _scenario.ApplyAsync("5100000301");
        var other = await _scenario.ApplyAsync("5100000302");
        for (var i = 0; i < LimitedApp.ReceiptsPerApplication; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await _scenario.UploadAsync(flooded, Encoding.UTF8.GetBytes("not a receipt"))).StatusCode);
        }

        var limited = await _scenario.UploadAsync(flooded, Encoding.UTF8.GetBytes("not a receipt"));
        Assert.Equal("rate_limited", (await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests)).Code);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await _scenario.UploadAsync(other, Encoding.UTF8.GetBytes("not a receipt"))).StatusCode);
    }

    [Fact]
    public async Task UploadReceipt_WhenAnAddressExceedsItsLimit_Is429ForAnyApplication()
    {
        var applications = new List<ApplyBody>();
        for (var i = 0; i <= LimitedApp.ReceiptsPerAddress; i++)
        {
            await _scenario.PutAccountAsync($"510000031{i}");
            applications.Add(await _scenario.ApplyAsync($"510000031{i}"));
        }

        for (var i = 0; i < LimitedApp.ReceiptsPerAddress; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await UploadFromAsync("198.51.100.40", applications[i])).StatusCode);
        }

        var limited = await UploadFromAsync("198.51.100.40", applications[^1]);
        Assert.Contains("Забагато квитанцій з вашої мережі", (await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests)).Detail, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await UploadFromAsync("198.51.100.41", applications[^1])).StatusCode);
    }

    [Fact]
    public async Task StaffSignIn_AfterSixtyWrongPasswords_RefusesTheRightOne_UntilTheLockoutEnds()
    {
        await _app.AddStaffAsync("lockout@vidnova.test");
        var browser = _app.From("198.51.100.20", handleCookies: true);
        for (var i = 0; i < 60; i++)
        {
            await SignInAsync(browser, "lockout@vidnova.test", $"guess-{i}");
        }

        var right = await SignInAsync(browser, "lockout@vidnova.test", StaffSignIn.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter?.Delta);
        Assert.Contains("вхід тимчасово заблоковано. Спробуйте знову через", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("vidnova.staff=", StringComparison.Ordinal)));

        _app.Clock.Advance(Duration.FromMinutes(16));
        var afterLockout = await SignInAsync(browser, "lockout@vidnova.test", StaffSignIn.Password);
        Assert.Equal(HttpStatusCode.Redirect, afterLockout.StatusCode);
    }

    [Fact]
    public async Task StaffSignIn_LocksAfterFiveWrongPasswords_AndARightOneBeforeThatResetsTheCount()
    {
        await _app.AddStaffAsync("count@vidnova.test");
        var browser = _app.From("198.51.100.21", handleCookies: true);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, "count@vidnova.test", "wrong")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(_app.From("198.51.100.21", handleCookies: true), "count@vidnova.test", StaffSignIn.Password)).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, "count@vidnova.test", "wrong")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(browser, "count@vidnova.test", "wrong")).StatusCode);
        var lockedUntil = await _app.InDatabaseAsync(db => db.Set<Vidnova.Staff.StaffUser>().Where(u => u.Login == "count@vidnova.test").Select(u => u.LockedUntil).SingleAsync());
        Assert.Equal(_app.Clock.GetCurrentInstant() + Duration.FromMinutes(15), lockedUntil);
    }

    [Fact]
    public async Task StaffSignIn_WhenWrongGuessesLockTheLoginWhileTheRightOneIsBeingChecked_TheLockHolds()
    {
        await _app.AddStaffAsync("race@vidnova.test");
        var id = await _app.InDatabaseAsync(db => db.Set<Vidnova.Staff.StaffUser>().Where(u => u.Login == "race@vidnova.test").Select(u => u.Id).SingleAsync());
        var now = _app.Clock.GetCurrentInstant();
        using var scope = _app.Services.CreateScope();
        var lockout = scope.ServiceProvider.GetRequiredService<Vidnova.Staff.StaffLockout>();

        // The interleaving of parallel requests: the right password is counted, then four wrong ones lock the
        // login while it is still being checked, a sixth is refused unchecked, and only then does the right one succeed.
        Assert.Null(await lockout.CountAttemptAsync(id, now, CancellationToken.None));
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await lockout.CountAttemptAsync(id, now, CancellationToken.None));
            await lockout.RecordFailureAsync(id, now, CancellationToken.None);
        }

        Assert.Equal(now + Duration.FromMinutes(15), await lockout.CountAttemptAsync(id, now, CancellationToken.None));
        await lockout.RecordSuccessAsync(id, now, CancellationToken.None);

        Assert.Equal(now + Duration.FromMinutes(15), await lockout.LockedUntilAsync(id, now, CancellationToken.None));
        var right = await SignInAsync(_app.From("198.51.100.24", handleCookies: true), "race@vidnova.test", StaffSignIn.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task StaffSignIn_WithManyParallelWrongGuessesAndTheRightOne_ChecksNoMoreThanTheLockAllows()
    {
        await _app.AddStaffAsync("parallel@vidnova.test");
        var guesses = Enumerable.Range(0, 30)
            .Select(i => SignInAsync(_app.From($"198.51.101.{i}", handleCookies: true), "parallel@vidnova.test", i == 15 ? StaffSignIn.Password : $"guess-{i}"))
            .ToList();
        var answers = await Task.WhenAll(guesses);

        // Five attempts before the right one may have reset the count, five after it; everything else waits for the lock.
        Assert.InRange(answers.Count(a => a.StatusCode != HttpStatusCode.TooManyRequests), 0, 9);
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests), a => Assert.NotNull(a.Headers.RetryAfter?.Delta));
    }

    [Fact]
    public async Task StaffSignIn_WhenAnAddressExceedsItsLimit_Is429ForAnyLogin()
    {
        var browser = _app.From("198.51.100.22", handleCookies: true);
        for (var i = 0; i < LimitedApp.SignInsPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, $"nobody{i}@vidnova.test", "guess")).StatusCode);
        }

        var limited = await SignInAsync(browser, "someone-else@vidnova.test", "guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Забагато спроб входу з вашої мережі", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_BehindTheTrustedTlsProxy_AreSecure_AndAnUntrustedPeerCannotClaimHttps()
    {
        await _app.AddStaffAsync("secure@vidnova.test");

        var viaProxy = await SignInCookiesAsync(LimitedApp.Proxy);
        var direct = await SignInCookiesAsync("198.51.100.23");

        Assert.All(viaProxy, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(viaProxy, c => c.StartsWith("vidnova.staff=", StringComparison.Ordinal));
        Assert.Contains(viaProxy, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(direct, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<List<string>> SignInCookiesAsync(string peer)
    {
        var client = _app.From(peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        var form = await client.GetAsync("/backoffice/sign-in");
        var cookies = form.Headers.GetValues("Set-Cookie").ToList();
        var antiforgery = cookies.Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/backoffice/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "secure@vidnova.test",
                ["Password"] = StaffSignIn.Password,
                ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(await form.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return [.. cookies, .. signedIn.Headers.GetValues("Set-Cookie")];
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password)
    {
        var form = await browser.GetStringAsync("/backoffice/sign-in");
        return await browser.PostAsync("/backoffice/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(form),
        }));
    }

    private Task<HttpResponseMessage> UploadFromAsync(string peer, ApplyBody application)
    {
        var client = _app.From(peer);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", application.AccessToken);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("not a receipt"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "receipt.pdf");
        return client.PostAsync($"/api/v1/restoration-applications/{application.Id}/receipts", form);
    }

    private static Task<HttpResponseMessage> ApplyForwardedAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/restoration-applications")
        {
            Content = JsonContent.Create(Scenario.ApplicationFor("5100000097")),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PushAsync(string key, int n)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $"From: someone@example.com\r\nTo: receipts@vidnova.test\r\nSubject: hello {n}\r\nMessage-ID: <limit-{n}-{Guid.NewGuid():N}@example.com>\r\n\r\nNo receipt here.\r\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return _app.WithApiKey(key).PostAsync("/api/v1/inbound-emails", content);
    }

    private Task<int> ApplicationsForAsync(string account) =>
        _app.InDatabaseAsync(db => db.Set<RestorationApplication>().CountAsync(a => a.AccountNumber == Vidnova.Kernel.AccountNumber.Parse(account)));
}

public sealed class AbuseLimitsOnSqlite(LimitedSqliteApp app) : AbuseLimitTests(app), IClassFixture<LimitedSqliteApp>;

public sealed class AbuseLimitsOnPostgres(LimitedPostgresApp app) : AbuseLimitTests(app), IClassFixture<LimitedPostgresApp>;
