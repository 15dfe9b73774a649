using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Sla;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Sla;

/// <summary>Time moves across the deadline with a fake clock; the breach and the compensation are recorded once.</summary>
public abstract class SlaBreachTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);
    private HttpClient _dso = null!;

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        _dso = app.WithApiKey(await _scenario.IssueDsoKeyAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeadlinePassedWithoutRestoration_RecordsTheCompensationOnce()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        await _scenario.PutAccountAsync("7000000001");
        var sent = await _scenario.SentToDsoAsync("7000000001");
        // Received Wednesday 25 Nov → deadline Monday 30 Nov (city, 3 working days).
        (await _dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events",
            new { type = "received", occurredAt = "2026-11-25T08:00:00Z" })).EnsureSuccessStatusCode();
        var monitor = app.Services.GetRequiredService<SlaMonitor>();

        app.Clock.Reset(Instant.FromUtc(2026, 11, 30, 21, 59)); // 23:59 on the deadline day in Kyiv
        await monitor.DetectBreachesAsync(CancellationToken.None);
        Assert.Null((await _scenario.GetAsAdminAsync(sent.Id)).Compensation);

        app.Clock.Reset(Instant.FromUtc(2026, 11, 30, 22, 1)); // 00:01 on Tuesday in Kyiv
        await monitor.DetectBreachesAsync(CancellationToken.None);
        await monitor.DetectBreachesAsync(CancellationToken.None);

        var application = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Equal(355.00m, application.Compensation!.Amount);
        Assert.Equal(new LocalDate(2026, 11, 30), application.Compensation.MissedDeadline);
        Assert.Single(application.Timeline, t => t.Kind == "sla_breached");
        Assert.True(application.DsoRequest!.Overdue);
        var mail = await app.Mail.WaitForAsync(m => m.Subject.Contains("компенсація", StringComparison.Ordinal)
            && m.Subject.Contains(application.Number, StringComparison.Ordinal), "about the compensation");
        Assert.Contains("355,00 грн", mail.TextBody, StringComparison.Ordinal);

        // The supervisor sees it on the dashboard and in the CSV export.
        var dashboardResponse = await app.Admin().GetAsync("/backoffice/sla");
        Assert.True(dashboardResponse.IsSuccessStatusCode, string.Join("\n", app.Errors.Entries));
        var dashboard = await dashboardResponse.Content.ReadAsStringAsync();
        Assert.Contains(application.Number, dashboard, StringComparison.Ordinal);
        Assert.Contains("<svg", dashboard, StringComparison.Ordinal);
        // Staff read the DSO's name (issue 16), its code only as the title.
        Assert.Contains("<abbr title=\"kyiv-city\">ПрАТ «ДТЕК Київські електромережі»</abbr>", dashboard, StringComparison.Ordinal);
        var csvResponse = await app.Admin().GetAsync("/backoffice/sla?handler=csv");
        Assert.True(csvResponse.IsSuccessStatusCode, string.Join("\n", app.Errors.Entries));
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.Contains($"kyiv-city,{application.Number},received,", csv, StringComparison.Ordinal);
        Assert.Contains(",2026-11-30,,True", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonHouseholdCustomer_IsOwedTheNonHouseholdAmount()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        await _scenario.PutAccountAsync("7000000004");
        var account = new
        {
            holderName = "Шевченко Тарас Григорович",
            address = "м. Київ, вул. Лаврська, 2 (майстерня ФОП)",
            eic = "62Z100000000001Z",
            settlement = "city",
            dsoCode = Scenario.DsoCode,
            supplyStatus = "disconnected_for_debt",
            debt = 0m,
        };
        var bad = await app.Admin().PutAsJsonAsync("/api/v1/accounts/7000000004", new { account.holderName, account.address, account.eic, account.settlement, account.dsoCode, account.supplyStatus, account.debt, kind = "business" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"kind\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var set = await app.Admin().PutAsJsonAsync("/api/v1/accounts/7000000004", new { account.holderName, account.address, account.eic, account.settlement, account.dsoCode, account.supplyStatus, account.debt, kind = "non_household" });
        Assert.Contains("\"kind\":\"non_household\"", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // An update without "kind" keeps it (older billing exports do not send it).
        var kept = await app.Admin().PutAsJsonAsync("/api/v1/accounts/7000000004", account);
        Assert.Contains("\"kind\":\"non_household\"", await kept.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var sent = await _scenario.SentToDsoAsync("7000000004");
        (await _dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events",
            new { type = "received", occurredAt = "2026-11-25T08:00:00Z" })).EnsureSuccessStatusCode();
        app.Clock.Reset(Instant.FromUtc(2026, 12, 1, 9, 0));
        await app.Services.GetRequiredService<SlaMonitor>().DetectBreachesAsync(CancellationToken.None);

        var application = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Equal(710.00m, application.Compensation!.Amount);
    }

    [Fact]
    public async Task RestoredAfterTheDeadline_IsABreachToo_ButOnTimeIsNot()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        await _scenario.PutAccountAsync("7000000002");
        await _scenario.PutAccountAsync("7000000003");
        var late = await _scenario.SentToDsoAsync("7000000002");
        var onTime = await _scenario.SentToDsoAsync("7000000003");
        foreach (var request in new[] { late.DsoRequest!.Id, onTime.DsoRequest!.Id })
        {
            (await _dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{request}/events",
                new { type = "received", occurredAt = "2026-11-25T08:00:00Z" })).EnsureSuccessStatusCode();
        }

        app.Clock.Reset(Instant.FromUtc(2026, 12, 2, 9, 0));
        (await _dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{onTime.DsoRequest.Id}/events",
            new { type = "completed", occurredAt = "2026-11-30T15:00:00Z" })).EnsureSuccessStatusCode();
        (await _dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{late.DsoRequest.Id}/events",
            new { type = "completed", occurredAt = "2026-12-01T07:00:00Z" })).EnsureSuccessStatusCode();

        await app.Services.GetRequiredService<SlaMonitor>().DetectBreachesAsync(CancellationToken.None);

        Assert.NotNull((await _scenario.GetAsAdminAsync(late.Id)).Compensation);
        Assert.Null((await _scenario.GetAsAdminAsync(onTime.Id)).Compensation);
    }
}

public sealed class SlaBreachOnSqlite(SqliteApp app) : SlaBreachTests(app), IClassFixture<SqliteApp>;

public sealed class SlaBreachOnPostgres(PostgresApp app) : SlaBreachTests(app), IClassFixture<PostgresApp>;

public sealed class CompensationRatesTests
{
    private static readonly CompensationRate[] Rates =
    [
        new() { EffectiveFrom = new DateOnly(2024, 1, 1), Household = 355m, NonHousehold = 710m },
        new() { EffectiveFrom = new DateOnly(2026, 7, 1), Household = 400m, NonHousehold = 800m },
    ];

    [Fact]
    public void Rate_IsTheOneInForceOnTheMissedDeadline()
    {
        Assert.Equal(Money.Uah(355m), CompensationRates.For(Rates, new LocalDate(2026, 6, 30), CustomerKind.Household));
        Assert.Equal(Money.Uah(400m), CompensationRates.For(Rates, new LocalDate(2026, 7, 1), CustomerKind.Household));
        Assert.Equal(Money.Uah(800m), CompensationRates.For(Rates, new LocalDate(2026, 12, 1), CustomerKind.NonHousehold));
    }

    [Fact]
    public void Rate_BeforeAnyConfiguredDate_IsUnknown() =>
        Assert.Null(CompensationRates.For(Rates, new LocalDate(2023, 12, 31), CustomerKind.Household));
}
