using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration.EmailConfirmation;

/// <summary>
/// Issue 9, item 3: once the code attempts have run out, the customer asks for a new code (API and page) instead of
/// hitting a dead end; how often is limited per application and hour, counted in the outbox.
/// </summary>
public abstract partial class ResendConfirmationCodeTests : IAsyncLifetime
{
    private readonly LimitedApp _app;
    private readonly Scenario _scenario;

    protected ResendConfirmationCodeTests(LimitedApp app)
    {
        _app = app;
        _scenario = new Scenario(app);
    }

    public async Task InitializeAsync() => await _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Resend_AfterTheAttemptsRanOut_EmailsANewCodeThatWorks_TheOldOneNoLonger_AndTheAttemptsStartAgain()
    {
        await _scenario.PutAccountAsync("5200000001");
        var applied = await _scenario.ApplyAsync("5200000001");
        var oldCode = await _scenario.ConfirmationCodeAsync(applied.Number);
        var customer = _app.Customer(applied.AccessToken!);
        var wrong = oldCode == "000000" ? "111111" : "000000";
        for (var i = 0; i < RestorationApplication.MaxConfirmationAttempts; i++)
        {
            await ConfirmAsync(customer, applied, wrong);
        }

        var lockedResponse = await ConfirmAsync(customer, applied, oldCode);
        Assert.NotNull(lockedResponse.Headers.RetryAfter?.Delta);
        var locked = await lockedResponse.ReadAsync<Problem>(HttpStatusCode.TooManyRequests);
        Assert.Equal("confirmation_locked", locked.Code);
        Assert.Contains("Надіслати новий код", locked.Detail, StringComparison.Ordinal);

        var resent = await customer.PostAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation/resend", null);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        var newCode = await NewCodeAsync(applied.Number);

        var old = await (await ConfirmAsync(customer, applied, oldCode == newCode ? wrong : oldCode)).ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("wrong_confirmation_code", old.Code);
        Assert.Contains($"{RestorationApplication.MaxConfirmationAttempts - 1}", old.Detail, StringComparison.Ordinal);
        var confirmed = await (await ConfirmAsync(customer, applied, newCode)).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);
        Assert.Equal("awaiting_payment", confirmed.Status);
        Assert.Contains(confirmed.Timeline, t => t.Kind == "confirmation_code_resent");
    }

    [Fact]
    public async Task Resend_WhenUsedTooOftenInAnHour_Is429WithRetryAfter_AndWorksAgainAnHourLater()
    {
        await _scenario.PutAccountAsync("5200000002");
        var applied = await _scenario.ApplyAsync("5200000002");
        var customer = _app.Customer(applied.AccessToken!);
        var url = $"/api/v1/restoration-applications/{applied.Id}/email-confirmation/resend";
        // The first email counts: three codes an hour in all.
        for (var i = 1; i < LimitedApp.ConfirmationEmailsPerApplication; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsync(url, null)).StatusCode);
            _app.Clock.Advance(Duration.FromMinutes(1));
        }

        var limited = await customer.PostAsync(url, null);
        var problem = await limited.ReadAsync<Problem>(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.Code);
        Assert.Contains("спробуйте знову через", problem.Detail, StringComparison.Ordinal);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(59));
        var emails = await _app.InDatabaseAsync(db => Task.FromResult(db.Set<Vidnova.Notifications.OutboxMessage>().Count(m => m.CorrelationId == applied.Id)));
        Assert.Equal(LimitedApp.ConfirmationEmailsPerApplication, emails);

        _app.Clock.Advance(Duration.FromHours(1));
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsync(url, null)).StatusCode);
    }

    [Fact]
    public async Task Resend_WithoutOrWithAWrongToken_LooksNotFound_LikeTheOtherCustomerCalls()
    {
        await _scenario.PutAccountAsync("5200000003");
        var applied = await _scenario.ApplyAsync("5200000003");
        var url = $"/api/v1/restoration-applications/{applied.Id}/email-confirmation/resend";

        var anonymous = await _app.CreateClient().PostAsync(url, null);
        var wrongToken = await _app.Customer("not-the-token").PostAsync(url, null);

        Assert.Equal("application_not_found", (await anonymous.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal("application_not_found", (await wrongToken.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task Resend_WhenTheEmailIsAlreadyConfirmed_Is409EmailAlreadyConfirmed()
    {
        await _scenario.PutAccountAsync("5200000004");
        var applied = await _scenario.ConfirmedApplicationAsync("5200000004");

        var response = await _app.Customer(applied.AccessToken!).PostAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation/resend", null);

        Assert.Equal("email_already_confirmed", (await response.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task StatusPage_ResendButton_SendsANewCode_AndSaysSo()
    {
        await _scenario.PutAccountAsync("5200000005");
        var applied = await _scenario.ApplyAsync("5200000005");
        var browser = _app.From("198.51.100.30", handleCookies: true);
        var opened = await browser.GetAsync($"/restoration/{applied.Id}?token={Uri.EscapeDataString(applied.AccessToken!)}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var page = await browser.GetStringAsync($"/restoration/{applied.Id}");
        Assert.Contains("Надіслати новий код", page, StringComparison.Ordinal);

        var resent = await browser.PostAsync($"/restoration/{applied.Id}?handler=Resend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Contains("Ми надіслали новий код", await browser.GetStringAsync($"/restoration/{applied.Id}"), StringComparison.Ordinal);
        await NewCodeAsync(applied.Number);
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient customer, ApplyBody applied, string code) =>
        customer.PostAsJsonAsync($"/api/v1/restoration-applications/{applied.Id}/email-confirmation", new { code });

    private async Task<string> NewCodeAsync(string number)
    {
        var mail = await _app.Mail.WaitForAsync(m => m.Subject.StartsWith("Новий код", StringComparison.Ordinal) && m.Subject.Contains(number, StringComparison.Ordinal),
            $"with the new code for {number}");
        return CodePattern().Match(mail.TextBody).Groups[1].Value;
    }

    [GeneratedRegex(@"код[^:]*:\s*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();
}

public sealed class ResendConfirmationCodeOnSqlite(LimitedSqliteApp app) : ResendConfirmationCodeTests(app), IClassFixture<LimitedSqliteApp>;

public sealed class ResendConfirmationCodeOnPostgres(LimitedPostgresApp app) : ResendConfirmationCodeTests(app), IClassFixture<LimitedPostgresApp>;
