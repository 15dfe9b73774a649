using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Readings;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Readings;

/// <summary>
/// The cabinet's reading form as a browser without script sends it: a field per zone with the previous value, the
/// window in words, what the values make, each refusal beside its field, the confirmation step, and the history.
/// </summary>
public abstract class ReadingFormPageTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);
    private readonly CabinetCustomers _customers = new(app);

    public Task InitializeAsync() => _scenario.RegisterDsoAsync();

    public Task DisposeAsync()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        return Task.CompletedTask;
    }

    private async Task<HttpClient> CustomerWithMeterAsync(string number, int zones = 1, object? readings = null)
    {
        await _scenario.PutAccountAsync(number);
        (await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}/meter",
            new { serialNumber = $"F-{number}", zones, digits = 5, installedOn = "2026-09-01", readings = readings ?? new { total = 1000 } })).EnsureSuccessStatusCode();
        var browser = await new CabinetPages(app).SignedInAsync($"form-{number}@example.com");
        await _customers.LinkAsync(await _customers.LoginIdAsync($"form-{number}@example.com"), number);
        return browser;
    }

    /// <summary>The page's HTML with its character references read (the encoder writes a no-break space as <c>&amp;#xA0;</c>).</summary>
    private static async Task<string> TextAsync(HttpClient browser, string path) => WebUtility.HtmlDecode(await browser.GetStringAsync(path));

    private static Task<HttpResponseMessage> SendAsync(HttpClient browser, string number, Dictionary<string, string> fields, string? handler = null) =>
        CabinetPages.SubmitAsync(browser, $"/cabinet/accounts/{number}/readings", fields,
            handler is null ? null : $"/cabinet/accounts/{number}/readings?handler={handler}");

    [Fact]
    public async Task TheForm_HasAFieldPerZone_WithThePreviousValues_AndSaysWhichMonthTheReadingCountsFor()
    {
        var browser = await CustomerWithMeterAsync("6200000001", zones: 2, readings: new { day = 8000, night = 3000.5m });

        var html = await TextAsync(browser, "/cabinet/accounts/6200000001/readings");

        Assert.Contains("name=\"Values[day]\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Values[night]\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Values[total]\"", html, StringComparison.Ordinal);
        Assert.Contains("Попередні: 8\u00a0000 на 01.09.2026", html, StringComparison.Ordinal);
        Assert.Contains("Попередні: 3\u00a0000,5 на 01.09.2026", html, StringComparison.Ordinal);
        // 25 November in Kyiv: a reading within the month; the end-of-month one is taken from 29 November to 3 December.
        Assert.Contains("Показник зарахується за листопад 2026. Показник на кінець місяця передайте з 29 листопада по 3 грудня.", html, StringComparison.Ordinal);
        Assert.Contains("max=\"2026-11-25\"", html, StringComparison.Ordinal);
        Assert.Contains("Передати показання", await TextAsync(browser, "/cabinet/accounts/6200000001"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InTheWindow_TheReadingCountsAsTheEndOfThePreviousMonth()
    {
        var browser = await CustomerWithMeterAsync("6200000002");
        app.Clock.Reset(Instant.FromUtc(2026, 12, 2, 22, 30)); // 3 December 00:30 in Kyiv, still the 2nd in UTC

        var html = await TextAsync(browser, "/cabinet/accounts/6200000002/readings");

        Assert.Contains("Показник зарахується за листопад 2026 — як показник на кінець місяця (їх приймають з 29 листопада по 3 грудня).", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReading_IsTakenAsTheApiTakesIt_AndThePageSaysWhatItMakesAndListsIt()
    {
        var browser = await CustomerWithMeterAsync("6200000003");

        var sent = await SendAsync(browser, "6200000003", new() { ["TakenOn"] = "2026-11-24", ["Values[total]"] = "1 250" });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/cabinet/accounts/6200000003/readings#done", sent.Headers.Location?.OriginalString);
        var html = await TextAsync(browser, "/cabinet/accounts/6200000003/readings");
        Assert.Contains("Показання прийнято за листопад 2026: 250 кВт·год, орієнтовно 1\u00a0080,00 грн.", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-24\">24.11.2026</time>", html, StringComparison.Ordinal);
        Assert.Contains("передано з кабінету", html, StringComparison.Ordinal);
        var reading = await app.InDatabaseAsync(db => db.Set<MeterReading>().SingleAsync(r => r.AccountNumber == AccountNumber.Parse("6200000003") && r.Source == ReadingSource.Customer));
        Assert.Equal((new LocalDate(2026, 11, 24), 1250m), (reading.TakenOn, reading.Values[MeterZone.Total].Value));
        Assert.StartsWith("customer:", reading.SubmittedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatTheValuesMake_IsShownBeforeSending_AsJsonForTheScriptAndAsAPageWithout()
    {
        var browser = await CustomerWithMeterAsync("6200000004", zones: 2, readings: new { day = 8000, night = 3000 });

        var json = await browser.GetFromJsonAsync<JsonElement>("/cabinet/accounts/6200000004/readings?handler=Preview&takenOn=2026-11-24&day=8180&night=3070");
        var page = await SendAsync(browser, "6200000004", new() { ["TakenOn"] = "2026-11-24", ["Values[day]"] = "8180", ["Values[night]"] = "3070" }, "Preview");

        // 180 × 4,32 + 70 × 2,16 = 777,60 + 151,20 = 928,80
        const string expected = "Це 250 кВт·год (день 180, ніч 70) з 01.09.2026 — орієнтовно 928,80 грн за листопад 2026.";
        Assert.Equal(expected, json.GetProperty("preview").GetString());
        Assert.StartsWith("Показник зарахується за листопад 2026", json.GetProperty("window").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(expected, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Set<MeterReading>().CountAsync(r => r.AccountNumber == AccountNumber.Parse("6200000004") && r.Source == ReadingSource.Customer)));
    }

    [Fact]
    public async Task AValueBelowThePrevious_IsRefusedBesideItsField_WhichIsFocused()
    {
        var browser = await CustomerWithMeterAsync("6200000005", zones: 2, readings: new { day = 8000, night = 3000 });

        var refused = await SendAsync(browser, "6200000005", new() { ["TakenOn"] = "2026-11-24", ["Values[day]"] = "8100", ["Values[night]"] = "2000" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<span class=\"field-error\" id=\"value-night-error\" role=\"alert\">Показання менші за попередні (3\u00a0000 на 01.09.2026). Перевірте цифри на лічильнику.</span>", html, StringComparison.Ordinal);
        Assert.Matches("id=\"value-night\"[^>]*autofocus=\"autofocus\"[^>]*aria-describedby=\"value-night-hint value-night-error\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"8100\"", html, StringComparison.Ordinal);
        Assert.StartsWith("<title>Помилка:", html[html.IndexOf("<title>", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARollover_IsAConfirmationStep_AndTakenOnceConfirmed()
    {
        var browser = await CustomerWithMeterAsync("6200000006", readings: new { total = 99950 });
        var fields = new Dictionary<string, string> { ["TakenOn"] = "2026-11-24", ["Values[total]"] = "30" };

        var asked = await SendAsync(browser, "6200000006", fields);
        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        var confirmed = await SendAsync(browser, "6200000006", new(fields) { ["Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("id=\"confirm-step\"", html, StringComparison.Ordinal);
        Assert.Contains("Так буває, коли лічильник (5 розрядів) перейшов через нуль.", html, StringComparison.Ordinal);
        Assert.Contains("Підтвердити й передати", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("80 кВт·год", await TextAsync(browser, "/cabinet/accounts/6200000006/readings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImplausibleJump_IsAConfirmationStep_AndATypoBelowThePreviousIsNot()
    {
        var browser = await CustomerWithMeterAsync("6200000007");

        var jump = await SendAsync(browser, "6200000007", new() { ["TakenOn"] = "2026-11-24", ["Values[total]"] = "9000" });
        var typo = await SendAsync(browser, "6200000007", new() { ["TakenOn"] = "2026-11-24", ["Values[total]"] = "100" });

        var asked = WebUtility.HtmlDecode(await jump.Content.ReadAsStringAsync());
        Assert.Contains("Ці показання дають 8\u00a0000 кВт·год з 01.09.2026 — значно більше, ніж зазвичай.", asked, StringComparison.Ordinal);
        Assert.Contains("name=\"Confirm\"", asked, StringComparison.Ordinal);
        var refused = WebUtility.HtmlDecode(await typo.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typo.StatusCode);
        Assert.DoesNotContain("id=\"confirm-step\"", refused, StringComparison.Ordinal);
        Assert.Contains("id=\"value-total-error\"", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADayInTheFuture_AndWhatIsNoNumber_AreRefusedBesideTheirFields()
    {
        var browser = await CustomerWithMeterAsync("6200000008");

        var future = await SendAsync(browser, "6200000008", new() { ["TakenOn"] = "2026-11-26", ["Values[total]"] = "1100" });
        var letters = await SendAsync(browser, "6200000008", new() { ["TakenOn"] = "2026-11-24", ["Values[total]"] = "12a" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Contains("<span class=\"field-error\" id=\"takenOn-error\" role=\"alert\">Дата показань (26.11.2026) ще не настала.", WebUtility.HtmlDecode(await future.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, letters.StatusCode);
        Assert.Contains("id=\"value-total-error\" role=\"alert\">Показання — число з лічильника", WebUtility.HtmlDecode(await letters.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountNotLinkedToTheLogin_IsNotFound_AndOneWithoutAMeterSaysSo()
    {
        var browser = await CustomerWithMeterAsync("6200000009");
        await _scenario.PutAccountAsync("6200000010");
        await _customers.LinkAsync(await _customers.LoginIdAsync("form-6200000009@example.com"), "6200000010");
        await _scenario.PutAccountAsync("6200000011");

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/cabinet/accounts/6200000011/readings")).StatusCode);
        Assert.Contains("ще не зареєстровано лічильника", await TextAsync(browser, "/cabinet/accounts/6200000010/readings"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/cabinet/accounts/6200000011/readings?handler=Preview&total=1")).StatusCode);
    }

    [Fact]
    public async Task InEnglish_TheWindowAndTheFormSpeakEnglish()
    {
        var browser = await CustomerWithMeterAsync("6200000012");
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var html = await TextAsync(browser, "/cabinet/accounts/6200000012/readings");

        Assert.Contains("The reading counts for November 2026.", html, StringComparison.Ordinal);
        Assert.Contains("Send reading", html, StringComparison.Ordinal);
    }
}

public sealed class ReadingFormPageOnSqlite(SqliteApp app) : ReadingFormPageTests(app), IClassFixture<SqliteApp>;

public sealed class ReadingFormPageOnPostgres(PostgresApp app) : ReadingFormPageTests(app), IClassFixture<PostgresApp>;
