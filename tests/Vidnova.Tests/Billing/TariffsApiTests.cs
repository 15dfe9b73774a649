using System.Net;
using System.Net.Http.Json;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Billing;

/// <summary>Tariffs as data over HTTP: the seeded household tariff, setting one from a date, and an account's electric-heating option.</summary>
public abstract class TariffsApiTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);

    public Task InitializeAsync() => _scenario.RegisterDsoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static object Body(decimal price = 4.50m, object? heating = null) => new
    {
        pricePerKwh = price,
        zoneFactors = new Dictionary<string, object>
        {
            ["2"] = new { night = 0.5m, day = 1.0m },
            ["3"] = new { night = 0.4m, halfPeak = 1.0m, peak = 1.5m },
        },
        electricHeating = heating ?? new { pricePerKwh = 2.64m, monthlyKwh = 2000, seasonFrom = "10-01", seasonTo = "04-30" },
    };

    [Fact]
    public async Task TheCurrentHouseholdTariff_IsSeeded_WithItsZonesAndHeatingTier()
    {
        var tariffs = await (await app.CreateClient().GetAsync("/api/v1/tariffs")).ReadAsync<List<TariffBody>>(HttpStatusCode.OK);

        var seeded = Assert.Single(tariffs, t => t.EffectiveFrom == "2024-06-01");
        Assert.Equal(4.32m, seeded.PricePerKwh);
        Assert.Equal((0.5m, 0.4m, 1.5m), (seeded.ZoneFactors["2"]["night"], seeded.ZoneFactors["3"]["night"], seeded.ZoneFactors["3"]["peak"]));
        Assert.Equal((2.16m, 1.728m, 6.48m), (seeded.ZonePrices["2"]["night"], seeded.ZonePrices["3"]["night"], seeded.ZonePrices["3"]["peak"]));
        Assert.Equal(new HeatingBody(2.64m, 2000m, "10-01", "04-30"), seeded.ElectricHeating);
    }

    [Fact]
    public async Task ATariff_SetFromADate_IsListedInDateOrder_AndSettingItAgainReplacesItsTerms()
    {
        var created = await (await app.Admin().PutAsJsonAsync("/api/v1/tariffs/2027-01-01", Body(4.5m))).ReadAsync<TariffBody>(HttpStatusCode.Created);
        var replaced = await (await app.Admin().PutAsJsonAsync("/api/v1/tariffs/2027-01-01", Body(4.55m))).ReadAsync<TariffBody>(HttpStatusCode.OK);
        var tariffs = await (await app.CreateClient().GetAsync("/api/v1/tariffs")).ReadAsync<List<TariffBody>>(HttpStatusCode.OK);

        Assert.Equal((4.5m, 4.55m), (created.PricePerKwh, replaced.PricePerKwh));
        Assert.Equal(tariffs.Select(t => t.EffectiveFrom).Order(StringComparer.Ordinal), tariffs.Select(t => t.EffectiveFrom));
        Assert.Equal(4.55m, Assert.Single(tariffs, t => t.EffectiveFrom == "2027-01-01").PricePerKwh);
    }

    [Fact]
    public async Task ATariff_WithoutAHeatingTier_HasNone()
    {
        var body = new { pricePerKwh = 4.8m, zoneFactors = new Dictionary<string, object> { ["2"] = new { night = 0.5m, day = 1m }, ["3"] = new { night = 0.4m, halfPeak = 1m, peak = 1.5m } } };

        var tariff = await (await app.Admin().PutAsJsonAsync("/api/v1/tariffs/2028-01-01", body)).ReadAsync<TariffBody>(HttpStatusCode.Created);

        Assert.Null(tariff.ElectricHeating);
    }

    [Fact]
    public async Task ATariff_WithBadFields_IsRefusedNamingEachField()
    {
        var response = await app.Admin().PutAsJsonAsync("/api/v1/tariffs/2027-13-01", new
        {
            pricePerKwh = 4.321234m,
            zoneFactors = new Dictionary<string, object> { ["2"] = new { night = 0.5m } },
            electricHeating = new { pricePerKwh = 2.64m, monthlyKwh = -1, seasonFrom = "13-01", seasonTo = "04-30" },
        });

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Superset(new HashSet<string> { "effectiveFrom", "pricePerKwh", "zoneFactors.2", "zoneFactors.3", "electricHeating.monthlyKwh", "electricHeating.seasonFrom" },
            problem.Errors!.Keys.ToHashSet());
    }

    [Fact]
    public async Task ATariffWhoseZonePriceNeedsMoreThanFiveDecimals_IsRefused()
    {
        var response = await app.Admin().PutAsJsonAsync("/api/v1/tariffs/2027-06-01", Body(4.32123m));

        Assert.Contains("zoneFactors", (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task SettingATariff_NeedsTheAdminKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync("/api/v1/tariffs/2027-01-01", Body())).StatusCode);
        var dso = app.WithApiKey(await _scenario.IssueDsoKeyAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await dso.PutAsJsonAsync("/api/v1/tariffs/2027-01-01", Body())).StatusCode);
    }

    [Fact]
    public async Task ElectricHeating_IsApprovedFromADate_AndItsHistoryKept()
    {
        await _scenario.PutAccountAsync("6200000001");

        await (await app.Admin().PutAsJsonAsync("/api/v1/accounts/6200000001/tariff-options", new { electricHeating = true, from = "2026-10-01" }))
            .ReadAsync<OptionsBody>(HttpStatusCode.OK);
        var options = await (await app.Admin().PutAsJsonAsync("/api/v1/accounts/6200000001/tariff-options", new { electricHeating = false, from = "2027-05-01" }))
            .ReadAsync<OptionsBody>(HttpStatusCode.OK);

        Assert.True(options.ElectricHeating); // today, 25 November 2026
        Assert.Equal([new ChangeBody("2026-10-01", true), new ChangeBody("2027-05-01", false)], options.Changes);
    }

    [Fact]
    public async Task ElectricHeating_PricesTheCustomersNextReadingAtTheHeatingPrice()
    {
        await _scenario.PutAccountAsync("6200000002");
        (await app.Admin().PutAsJsonAsync("/api/v1/accounts/6200000002/meter", new { serialNumber = "H-1", zones = 1, digits = 6, installedOn = "2026-10-01", readings = new { total = 0 } }))
            .EnsureSuccessStatusCode();
        (await app.Admin().PutAsJsonAsync("/api/v1/accounts/6200000002/tariff-options", new { electricHeating = true, from = "2026-10-01" })).EnsureSuccessStatusCode();

        var reading = await (await app.Admin().PostAsJsonAsync("/api/v1/accounts/6200000002/readings", new { takenOn = "2026-11-24", values = new { total = 400 } }))
            .ReadAsync<Vidnova.Tests.Readings.SubmittedBody>(HttpStatusCode.Created);

        Assert.Equal(1056.00m, reading.ExpectedAmount); // 400 × 2,64
    }

    [Fact]
    public async Task TariffOptions_OfAnUnknownAccount_OrWithoutADate_AreRefused()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().PutAsJsonAsync("/api/v1/accounts/6299999999/tariff-options", new { electricHeating = true, from = "2026-10-01" })).StatusCode);
        var problem = await (await app.Admin().PutAsJsonAsync("/api/v1/accounts/6299999999/tariff-options", new { electricHeating = true })).ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Contains("from", problem.Errors!.Keys);
    }
}

public sealed record TariffBody(string EffectiveFrom, decimal PricePerKwh, Dictionary<string, Dictionary<string, decimal>> ZoneFactors, HeatingBody? ElectricHeating,
    Dictionary<string, Dictionary<string, decimal>> ZonePrices);

public sealed record HeatingBody(decimal PricePerKwh, decimal MonthlyKwh, string SeasonFrom, string SeasonTo);

public sealed record OptionsBody(string AccountNumber, bool ElectricHeating, List<ChangeBody> Changes);

public sealed record ChangeBody(string From, bool ElectricHeating);

public sealed class TariffsApiOnSqlite(SqliteApp app) : TariffsApiTests(app), IClassFixture<SqliteApp>;

public sealed class TariffsApiOnPostgres(PostgresApp app) : TariffsApiTests(app), IClassFixture<PostgresApp>;
