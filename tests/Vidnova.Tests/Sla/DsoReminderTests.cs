using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Dso;
using Vidnova.Dso.WorkOrders;
using Vidnova.Tests.Dso;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Sla;

/// <summary>The DSO is reminded once, at the start of the last working day, of every request it has not finished.</summary>
public abstract class DsoReminderTests(DsoExchangeApp app)
{
    private const string Secret = "whsec_reminders_0123456789";
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task OpenRequest_IsRemindedOnceOnTheDeadlineMorning_FinishedOnesNever()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        await using var receiver = await WebhookReceiver.StartAsync(Secret, () => app.Clock.GetCurrentInstant().ToUnixTimeSeconds());
        await _scenario.RegisterWebhookDsoAsync("remind-dso", receiver.Url, Secret);
        var dso = app.WithApiKey(await _scenario.IssueDsoKeyAsync("remind-dso"));
        var sent = new List<Vidnova.Restoration.ApplicationResponse>();
        for (var i = 1; i <= 4; i++)
        {
            await _scenario.PutAccountAsync($"710000000{i}", dso: "remind-dso");
            sent.Add(await _scenario.SentToDsoAsync($"710000000{i}"));
        }

        var (open, completed, rejected, unacknowledged) = (sent[0], sent[1], sent[2], sent[3]);
        // Received Wednesday 25 Nov → deadline Monday 30 Nov (city, 3 working days).
        foreach (var application in new[] { open, completed, rejected })
        {
            await ReportAsync(dso, application, new { type = "received", occurredAt = "2026-11-25T08:00:00Z" });
        }

        app.Clock.Reset(Instant.FromUtc(2026, 11, 26, 9, 0));
        await ReportAsync(dso, completed, new { type = "completed", occurredAt = "2026-11-26T08:00:00Z" });
        await ReportAsync(dso, rejected, new { type = "rejected", occurredAt = "2026-11-26T08:00:00Z", reason = "Немає доступу до лічильника" });
        var monitor = app.Services.GetRequiredService<WorkOrderReminders>();

        app.Clock.Reset(Instant.FromUtc(2026, 11, 30, 5, 59)); // 07:59 on the deadline day in Kyiv
        await monitor.SendRemindersAsync(CancellationToken.None);
        Assert.DoesNotContain((await _scenario.GetAsAdminAsync(open.Id)).Timeline, t => t.Kind == "dso_reminded");

        app.Clock.Reset(Instant.FromUtc(2026, 11, 30, 6, 0)); // 08:00 in Kyiv
        await monitor.SendRemindersAsync(CancellationToken.None);
        await monitor.SendRemindersAsync(CancellationToken.None);

        var reminded = await _scenario.GetAsAdminAsync(open.Id);
        var entry = Assert.Single(reminded.Timeline, t => t.Kind == "dso_reminded");
        Assert.Contains("30.11.2026", entry.Description, StringComparison.Ordinal);
        foreach (var other in new[] { completed, rejected, unacknowledged })
        {
            Assert.DoesNotContain((await _scenario.GetAsAdminAsync(other.Id)).Timeline, t => t.Kind == "dso_reminded");
        }

        var reminderKey = DsoDelivery.IdempotencyKeyFor(open.DsoRequest!.Id, DsoDelivery.Reminder);
        await WaitUntilAsync(() => app.InDatabaseAsync(db => db.Set<DsoDelivery>().AnyAsync(d => d.IdempotencyKey == reminderKey && d.DeliveredAt != null)));
        var reminders = await app.InDatabaseAsync(db => db.Set<DsoDelivery>().Where(d => d.EventType == DsoDelivery.Reminder).Select(d => d.IdempotencyKey).ToListAsync());
        Assert.Equal([reminderKey], reminders);
        var call = Assert.Single(receiver.Calls, c => c.IdempotencyKey == reminderKey);
        Assert.Equal(200, call.Status);
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal("reminder", body.RootElement.GetProperty("eventType").GetString());
        Assert.Equal("2026-11-30", body.RootElement.GetProperty("request").GetProperty("deadline").GetString());
        Assert.Equal("received", body.RootElement.GetProperty("request").GetProperty("status").GetString());

        // A DSO that pulls sees the reminder on the request itself.
        var listed = await dso.GetFromJsonAsync<JsonElement>("/api/v1/dso/restoration-requests");
        var remindedAt = listed.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("applicationNumber").GetString()!, i => i.GetProperty("remindedAt"));
        Assert.Equal("2026-11-30T06:00:00Z", remindedAt[open.Number].GetString());
        Assert.Equal(JsonValueKind.Null, remindedAt[completed.Number].ValueKind);
        Assert.Equal(JsonValueKind.Null, remindedAt[unacknowledged.Number].ValueKind);

        // Later passes, and the day after, remind no more.
        app.Clock.Reset(Instant.FromUtc(2026, 11, 30, 20, 0));
        await monitor.SendRemindersAsync(CancellationToken.None);
        Assert.Single((await _scenario.GetAsAdminAsync(open.Id)).Timeline, t => t.Kind == "dso_reminded");
        Assert.Single(receiver.Calls, c => c.IdempotencyKey == reminderKey);
    }

    private static async Task ReportAsync(HttpClient dso, Vidnova.Restoration.ApplicationResponse application, object body)
    {
        var response = await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{application.DsoRequest!.Id}/events", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(20), () => "The reminder was not delivered.");
}

public sealed class DsoReminderOnSqlite(DsoExchangeSqliteApp app) : DsoReminderTests(app), IClassFixture<DsoExchangeSqliteApp>;

public sealed class DsoReminderOnPostgres(DsoExchangePostgresApp app) : DsoReminderTests(app), IClassFixture<DsoExchangePostgresApp>;

public sealed class ReminderScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = new(UkrainianPublicHolidays.For(2026), [], []);

    [Fact]
    public void Default_IsTheStartOfTheDeadlineDay_KyivTime() =>
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 6, 0), ReminderSchedule.DueAt(new LocalDate(2026, 11, 30), new ReminderOptions(), Calendar));

    [Fact]
    public void WorkingDaysBefore_SkipsWeekendsAndHolidays()
    {
        var options = new ReminderOptions { WorkingDaysBefore = 1, AtHour = 14 };
        // Monday 30 Nov → Friday 27 Nov, 14:00 Kyiv (UTC+2).
        Assert.Equal(Instant.FromUtc(2026, 11, 27, 12, 0), ReminderSchedule.DueAt(new LocalDate(2026, 11, 30), options, Calendar));
        // Tuesday 25 Aug 2026 → Friday 21 Aug: Monday 24 Aug is Independence Day (no martial law in this calendar). Summer: UTC+3.
        Assert.Equal(Instant.FromUtc(2026, 8, 21, 11, 0), ReminderSchedule.DueAt(new LocalDate(2026, 8, 25), options, Calendar));
    }
}
