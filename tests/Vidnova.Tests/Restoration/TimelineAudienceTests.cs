using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Vidnova.Restoration;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration;

/// <summary>
/// Issue 10, items 6 and 7: the customer reads what they did and what happens next, staff read everything, in the
/// request's language; a refused action on a page says why, with the API's status code, instead of failing.
/// </summary>
public abstract class TimelineAudienceTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);

    public async Task InitializeAsync() => await _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CustomersTimeline_HasNoReceiptCheckDetailsNorDsoCode_StaffsHasThem()
    {
        await _scenario.PutAccountAsync("6100000001");
        var application = await _scenario.ConfirmedApplicationAsync("6100000001");
        (await _scenario.UploadAsync(application, Replies.BankReceipt(application.Number, amount: 1234.55m))).EnsureSuccessStatusCode();
        (await app.Admin().PostAsJsonAsync($"/api/v1/restoration-applications/{application.Id}/receipt-decision", new { approve = true }))
            .EnsureSuccessStatusCode();

        var customer = await _scenario.GetAsync(application);
        var staff = await _scenario.GetAsAdminAsync(application.Id);

        var customerCheck = Assert.Single(customer.Timeline, t => t.Kind == "receipt_check_failed").Description;
        Assert.Equal("Автоматична перевірка не пройдена — квитанцію перевірить оператор.", customerCheck);
        Assert.Contains("✗ Сума", Assert.Single(staff.Timeline, t => t.Kind == "receipt_check_failed").Description, StringComparison.Ordinal);
        Assert.DoesNotContain(customer.Timeline, t => t.Description.Contains(Scenario.DsoCode, StringComparison.Ordinal));
        Assert.Equal($"Заявку на відновлення передано ОСР «{customer.Invoice!.RecipientName}».",
            Assert.Single(customer.Timeline, t => t.Kind == "sent_to_dso").Description);
        Assert.Contains($"({Scenario.DsoCode})", Assert.Single(staff.Timeline, t => t.Kind == "sent_to_dso").Description, StringComparison.Ordinal);
        Assert.Equal($"dso-statement:{Scenario.DsoCode}", Actors.DsoStatement(Vidnova.Kernel.DsoCode.Parse(Scenario.DsoCode)));
    }

    [Fact]
    public async Task Timeline_WithAcceptLanguageEn_IsInEnglish_OnTheApiAndTheStatusPage()
    {
        await _scenario.PutAccountAsync("6100000002");
        var application = await _scenario.ConfirmedApplicationAsync("6100000002");
        var customer = app.Customer(application.AccessToken!);
        customer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var english = await (await customer.GetAsync($"/api/v1/restoration-applications/{application.Id}")).ReadAsync<ApplicationResponse>(HttpStatusCode.OK);

        Assert.Equal($"Application {application.Number} submitted; the confirmation code was sent to taras@example.com.",
            Assert.Single(english.Timeline, t => t.Kind == "submitted").Description);
        Assert.Equal("Email taras@example.com confirmed.", Assert.Single(english.Timeline, t => t.Kind == "email_confirmed").Description);
        var browser = await OpenStatusPageAsync(application);
        var page = await browser.GetStringAsync($"/restoration/{application.Id}?culture=en");
        Assert.Contains("Email taras@example.com confirmed.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_WrongCode_SaysWhy_WithTheApisStatus_AndNoErrorPage()
    {
        await _scenario.PutAccountAsync("6100000003");
        var application = await _scenario.ApplyAsync("6100000003");
        var code = await _scenario.ConfirmationCodeAsync(application.Number);
        var browser = await OpenStatusPageAsync(application);
        var page = await browser.GetStringAsync($"/restoration/{application.Id}");

        var refused = await browser.PostAsync($"/restoration/{application.Id}?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(page),
            ["code"] = code == "000000" ? "111111" : "000000",
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Код підтвердження невірний. Перевірте 6 цифр у листі (залишилось спроб: 4).", shown, StringComparison.Ordinal);
        Assert.Contains("Історія заяви", shown, StringComparison.Ordinal);
    }

    private async Task<HttpClient> OpenStatusPageAsync(ApplyBody application)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var opened = await browser.GetAsync($"/restoration/{application.Id}?token={Uri.EscapeDataString(application.AccessToken!)}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return browser;
    }
}

public sealed class TimelineAudienceOnSqlite(SqliteApp app) : TimelineAudienceTests(app), IClassFixture<SqliteApp>;

public sealed class TimelineAudienceOnPostgres(PostgresApp app) : TimelineAudienceTests(app), IClassFixture<PostgresApp>;
