using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Notifications;
using Vidnova.Readings.Reminders;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Readings;

/// <summary>
/// Reading reminders: a login opts in per account in the cabinet, and from the 25th (Kyiv) each account still without
/// a reading for the month gets one email per month, however many passes and instances run.
/// </summary>
public abstract class ReadingReminderTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);
    private readonly CabinetCustomers _customers = new(app);

    public Task InitializeAsync() => _scenario.RegisterDsoAsync();

    public Task DisposeAsync()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        return Task.CompletedTask;
    }

    private async Task<HttpClient> CustomerWithMetersAsync(string email, params string[] numbers)
    {
        var browser = await new CabinetPages(app).SignedInAsync(email);
        var loginId = await _customers.LoginIdAsync(email);
        foreach (var number in numbers)
        {
            await _scenario.PutAccountAsync(number);
            (await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}/meter",
                new { serialNumber = $"R-{number}", zones = 1, digits = 6, installedOn = "2026-09-01", readings = new { total = 1000 } })).EnsureSuccessStatusCode();
            await _customers.LinkAsync(loginId, number);
        }

        return browser;
    }

    private static Task<HttpResponseMessage> RemindAsync(HttpClient browser, string number, bool on) =>
        CabinetPages.SubmitAsync(browser, $"/cabinet/accounts/{number}/readings", on ? new Dictionary<string, string> { ["remind"] = "true" } : [],
            $"/cabinet/accounts/{number}/readings?handler=Reminders");

    private Task<List<string>> ReminderKeysAsync(string number) =>
        app.InDatabaseAsync(db => db.Set<OutboxMessage>().Where(m => m.DeduplicationKey.StartsWith("reading-reminder:") && m.DeduplicationKey.Contains(number))
            .Select(m => m.DeduplicationKey).ToListAsync());

    private async Task<int> RunAsync(int instances = 1)
    {
        var reminders = app.Services.GetRequiredService<ReadingReminders>();
        return (await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => reminders.SendRemindersAsync(CancellationToken.None)))).Sum();
    }

    [Fact]
    public async Task AnOptedInAccount_WithoutAReading_GetsOneReminderFromThe25th_HoweverManyPassesRun()
    {
        const string email = "remind-me@example.com";
        var browser = await CustomerWithMetersAsync(email, "6400000001", "6400000002", "6400000003");
        var loginId = await _customers.LoginIdAsync(email);
        app.Clock.Reset(Instant.FromUtc(2026, 11, 10, 8, 0));
        (await app.Admin().PostAsJsonAsync("/api/v1/accounts/6400000002/readings", new { takenOn = "2026-11-10", values = new { total = 1100 } })).EnsureSuccessStatusCode();

        var saved = await RemindAsync(browser, "6400000001", on: true);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await RemindAsync(browser, "6400000002", on: true);
        var page = await browser.GetStringAsync("/cabinet/accounts/6400000001/readings");
        Assert.Matches("id=\"remind\"[^>]*checked=\"checked\"", page);
        Assert.DoesNotMatch("id=\"remind\"[^>]*checked", await browser.GetStringAsync("/cabinet/accounts/6400000003/readings"));

        // 24 November 23:59 in Kyiv (21:59 UTC): not yet.
        app.Clock.Reset(Instant.FromUtc(2026, 11, 24, 21, 59));
        Assert.Equal(0, await RunAsync());

        // 25 November 00:00 in Kyiv, still the 24th in UTC; two instances at once, then again.
        app.Clock.Reset(Instant.FromUtc(2026, 11, 24, 22, 0));
        var first = await RunAsync(instances: 2);
        var again = await RunAsync();

        Assert.Equal((1, 0), (first, again));
        Assert.Equal([ReadingReminders.KeyOf(Kernel.BillingPeriod.Of(2026, 11), Kernel.AccountNumber.Parse("6400000001"), loginId)], await ReminderKeysAsync("6400000001"));
        Assert.Empty(await ReminderKeysAsync("6400000002")); // it has a reading for November
        Assert.Empty(await ReminderKeysAsync("6400000003")); // not asked for
        var mail = await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("6400000001", StringComparison.Ordinal), "with the reading reminder");
        Assert.Equal("Передайте показання лічильника за листопад 2026 — рахунок 6400000001", mail.Subject);
        Assert.Contains("з 29 листопада по 3 грудня", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/cabinet/accounts/6400000001/readings", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoginThatTurnedRemindersOff_GetsNone_AndNextMonthIsAnotherReminder()
    {
        const string email = "remind-off@example.com";
        var browser = await CustomerWithMetersAsync(email, "6400000011", "6400000012");
        await RemindAsync(browser, "6400000011", on: true);
        await RemindAsync(browser, "6400000012", on: true);
        await RemindAsync(browser, "6400000012", on: false);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Set<ReadingReminderSubscription>().CountAsync(s => s.AccountNumber == Kernel.AccountNumber.Parse("6400000011")
            || s.AccountNumber == Kernel.AccountNumber.Parse("6400000012"))));

        app.Clock.Reset(Instant.FromUtc(2026, 11, 26, 8, 0));
        await RunAsync();
        app.Clock.Reset(Instant.FromUtc(2026, 12, 27, 8, 0));
        await RunAsync();

        Assert.Equal(["reading-reminder:2026-11:6400000011", "reading-reminder:2026-12:6400000011"], (await ReminderKeysAsync("6400000011")).Select(k => k[..k.LastIndexOf(':')]).Order());
        Assert.Empty(await ReminderKeysAsync("6400000012"));
    }
}

public sealed class ReadingReminderOnSqlite(SqliteApp app) : ReadingReminderTests(app), IClassFixture<SqliteApp>;

public sealed class ReadingReminderOnPostgres(PostgresApp app) : ReadingReminderTests(app), IClassFixture<PostgresApp>;
