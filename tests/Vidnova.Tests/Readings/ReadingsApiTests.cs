using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Kernel;
using Vidnova.Readings;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Readings;

/// <summary>Meters and readings over HTTP: install and replace, each refusal, confirm, repeats, the window and who may send them.</summary>
public abstract class ReadingsApiTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.RegisterDsoAsync("kyiv-region");
    }

    public Task DisposeAsync()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 8, 0));
        return Task.CompletedTask;
    }

    private async Task AccountWithMeterAsync(string number, int zones = 1, int digits = 5, object? readings = null, string dso = Scenario.DsoCode)
    {
        await _scenario.PutAccountAsync(number, dso: dso);
        var response = await PutMeterAsync(number, new { serialNumber = $"M-{number}", zones, digits, installedOn = "2026-09-01", readings = readings ?? new { total = 1000 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private Task<HttpResponseMessage> PutMeterAsync(string number, object body) => app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}/meter", body);

    private Task<HttpResponseMessage> PostAsync(string number, object body, HttpClient? client = null) =>
        (client ?? app.Admin()).PostAsJsonAsync($"/api/v1/accounts/{number}/readings", body);

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response, HttpStatusCode status) => (await response.ReadAsync<Problem>(status)).Code;

    [Fact]
    public async Task Meter_Installed_IsReadBack_AndTheSamePutAgainChangesNothing()
    {
        await _scenario.PutAccountAsync("6100000001");
        var body = new { serialNumber = "ntk-100200", zones = 2, digits = 6, installedOn = "2026-09-01", readings = new { day = 1200.5m, night = 400 } };

        var created = await (await PutMeterAsync("6100000001", body)).ReadAsync<MeterBody>(HttpStatusCode.Created);
        var again = await (await PutMeterAsync("6100000001", body)).ReadAsync<MeterBody>(HttpStatusCode.OK);
        var read = await (await app.Admin().GetAsync("/api/v1/accounts/6100000001/meter")).ReadAsync<MeterBody>(HttpStatusCode.OK);

        Assert.Equal(("NTK-100200", 2, 6, "2026-09-01"), (read.SerialNumber, read.Zones, read.Digits, read.InstalledOn));
        Assert.Equal(new Dictionary<string, decimal> { ["day"] = 1200.5m, ["night"] = 400m }, read.Readings);
        Assert.Equal((created.SerialNumber, created.LastReading!.Id), (again.SerialNumber, again.LastReading!.Id));
        Assert.Empty(read.ReplacedMeters);
    }

    [Fact]
    public async Task Meter_ReplacedByAnotherSerial_ClosesTheOldOneWithItsFinalReadings_ForTheNextBill()
    {
        await AccountWithMeterAsync("6100000002");
        (await PostAsync("6100000002", new { takenOn = "2026-10-31", values = new { total = 1300 } })).EnsureSuccessStatusCode();

        var replaced = await (await PutMeterAsync("6100000002", new
        {
            serialNumber = "NEW-1",
            zones = 3,
            digits = 7,
            installedOn = "2026-11-20",
            readings = new { peak = 0, halfPeak = 0, night = 0 },
            finalReadings = new { total = 1450 },
        })).ReadAsync<MeterBody>(HttpStatusCode.Created);

        Assert.Equal(("NEW-1", 3), (replaced.SerialNumber, replaced.Zones));
        var old = Assert.Single(replaced.ReplacedMeters);
        Assert.Equal(("M-6100000002", "2026-11-20", 1450m), (old.SerialNumber, old.RemovedOn, old.FinalReadings["total"]));

        await using var scope = app.Services.CreateAsyncScope();
        var november = await scope.ServiceProvider.GetRequiredService<IMeterReadings>()
            .InPeriodAsync(AccountNumber.Parse("6100000002"), BillingPeriod.Of(2026, 11), CancellationToken.None);
        var oldMeter = Assert.Single(november, m => m.Meter.SerialNumber.Value == "M-6100000002");
        Assert.Equal(150m, oldMeter.Consumption.Total.Value);
        Assert.Equal(new LocalDate(2026, 10, 31), oldMeter.Opening!.TakenOn);
        Assert.Contains(november, m => m.Meter.SerialNumber.Value == "NEW-1" && m.InPeriod.Count == 0);
    }

    [Fact]
    public async Task Meter_Replacement_WithFinalReadingsBelowTheLastReading_IsRefused()
    {
        await AccountWithMeterAsync("6100000003");

        var response = await PutMeterAsync("6100000003", new
        {
            serialNumber = "NEW-2",
            zones = 1,
            digits = 5,
            installedOn = "2026-11-20",
            readings = new { total = 0 },
            finalReadings = new { total = 900 },
        });

        Assert.Equal("reading_below_previous", await CodeOfAsync(response, HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task Meter_WithReadingsOfOtherZones_OrAnUnknownAccount_IsRefused()
    {
        await _scenario.PutAccountAsync("6100000004");

        var wrong = await PutMeterAsync("6100000004", new { serialNumber = "X1", zones = 2, digits = 5, installedOn = "2026-09-01", readings = new { total = 5 } });
        var unknown = await PutMeterAsync("6199999999", new { serialNumber = "X1", zones = 1, digits = 5, installedOn = "2026-09-01", readings = new { total = 5 } });

        var problem = await wrong.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Contains("readings", problem.Errors!.Keys);
        Assert.Equal("account_not_found", await CodeOfAsync(unknown, HttpStatusCode.NotFound));
        Assert.Equal("meter_not_found", await CodeOfAsync(await app.Admin().GetAsync("/api/v1/accounts/6100000004/meter"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Reading_ByStaff_Is201WithItsPeriodConsumptionAndKwh_AndTheSameReadingAgainIs200WithTheSameId()
    {
        await AccountWithMeterAsync("6100000005");
        var body = new { takenOn = "2026-11-24", values = new { total = 1234.5m }, source = "staff" };

        var first = await (await PostAsync("6100000005", body)).ReadAsync<SubmittedBody>(HttpStatusCode.Created);
        var repeat = await (await PostAsync("6100000005", body)).ReadAsync<SubmittedBody>(HttpStatusCode.OK);

        Assert.Equal(("2026-11", 234.5m, false, "staff"), (first.Period, first.Kwh, first.EndOfPeriod, first.Source));
        Assert.Equal(234.5m, first.Consumption["total"]);
        Assert.Equal(("2026-09-01", 1000m), (first.Previous.TakenOn, first.Previous.Values["total"]));
        Assert.Equal(1013.04m, first.ExpectedAmount); // 234,5 × 4,32 = 1 013,04
        Assert.Equal(first.Id, repeat.Id);
        var listed = await (await app.Admin().GetAsync("/api/v1/accounts/6100000005/readings")).ReadAsync<List<ReadingBody>>(HttpStatusCode.OK);
        Assert.Equal(["staff", "installation"], listed.Select(r => r.Source));
    }

    [Fact]
    public async Task Reading_SentSeveralTimesAtOnce_IsFiledOnce()
    {
        await AccountWithMeterAsync("6100000018");
        var body = new { takenOn = "2026-11-24", values = new { total = 1100 } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync("6100000018", body)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<SubmittedBody>(Json.Options))!.Id));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Reading_OfOtherZonesThanTheMeters_IsWrongZones_InUkrainianOrEnglish()
    {
        await AccountWithMeterAsync("6100000006", zones: 2, readings: new { day = 100, night = 50 });

        var ukrainian = await PostAsync("6100000006", new { takenOn = "2026-11-24", values = new { total = 200 } });
        var english = app.Admin();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var problem = await (await PostAsync("6100000006", new { takenOn = "2026-11-24", values = new { day = 200 } }, english))
            .ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("wrong_zones", await CodeOfAsync(ukrainian, HttpStatusCode.UnprocessableEntity));
        Assert.Equal("wrong_zones", problem.Code);
        Assert.Contains("Send the readings of exactly these zones", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_BelowThePrevious_IsRefused_AndARolloverIsTakenOnlyWithConfirm()
    {
        await AccountWithMeterAsync("6100000007", readings: new { total = 99950 });

        var typo = await PostAsync("6100000007", new { takenOn = "2026-11-24", values = new { total = 50000 }, confirm = true });
        var unconfirmed = await PostAsync("6100000007", new { takenOn = "2026-11-24", values = new { total = 30 } });
        var confirmed = await (await PostAsync("6100000007", new { takenOn = "2026-11-24", values = new { total = 30 }, confirm = true }))
            .ReadAsync<SubmittedBody>(HttpStatusCode.Created);

        Assert.Equal("reading_below_previous", await CodeOfAsync(typo, HttpStatusCode.UnprocessableEntity));
        var problem = await unconfirmed.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reading_below_previous", problem.Code);
        Assert.Contains("confirm: true", problem.Detail, StringComparison.Ordinal);
        Assert.Equal((80m, true, true), (confirmed.Kwh, confirmed.RolledOver, confirmed.Confirmed));
    }

    [Fact]
    public async Task Reading_WithAnImplausibleJump_NeedsConfirm()
    {
        await AccountWithMeterAsync("6100000008");
        (await PostAsync("6100000008", new { takenOn = "2026-10-01", values = new { total = 1300 } })).EnsureSuccessStatusCode(); // 10 kWh a day

        var jump = await PostAsync("6100000008", new { takenOn = "2026-11-01", values = new { total = 2500 } });
        var confirmed = await PostAsync("6100000008", new { takenOn = "2026-11-01", values = new { total = 2500 }, confirm = true });

        Assert.Equal("implausible_jump", await CodeOfAsync(jump, HttpStatusCode.UnprocessableEntity));
        var accepted = await confirmed.ReadAsync<SubmittedBody>(HttpStatusCode.Created);
        Assert.Equal((1200m, true), (accepted.Kwh, accepted.Confirmed));
    }

    [Fact]
    public async Task Reading_InTheFuture_BeforeTheLatest_OrWithoutAMeter_IsRefused()
    {
        await AccountWithMeterAsync("6100000009");
        await _scenario.PutAccountAsync("6100000010");
        (await PostAsync("6100000009", new { takenOn = "2026-11-20", values = new { total = 1100 } })).EnsureSuccessStatusCode();

        // 25 November 08:00 UTC is 10:00 in Kyiv: the 26th has not begun there.
        Assert.Equal("reading_in_future", await CodeOfAsync(await PostAsync("6100000009", new { takenOn = "2026-11-26", values = new { total = 1200 } }),
            HttpStatusCode.UnprocessableEntity));
        Assert.Equal("reading_before_latest", await CodeOfAsync(await PostAsync("6100000009", new { takenOn = "2026-11-10", values = new { total = 1050 } }),
            HttpStatusCode.Conflict));
        Assert.Equal("meter_not_installed", await CodeOfAsync(await PostAsync("6100000010", new { values = new { total = 1 } }), HttpStatusCode.Conflict));
        Assert.Equal("invalid_input", await CodeOfAsync(await PostAsync("6100000009", new { takenOn = "30.11.2026", values = new { total = -1 } }),
            HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Reading_OnTheSameDayWithOtherValues_CorrectsTheNewestReading()
    {
        await AccountWithMeterAsync("6100000011");
        var typo = await (await PostAsync("6100000011", new { takenOn = "2026-11-24", values = new { total = 1290 } })).ReadAsync<SubmittedBody>(HttpStatusCode.Created);

        var corrected = await (await PostAsync("6100000011", new { takenOn = "2026-11-24", values = new { total = 1209 } })).ReadAsync<SubmittedBody>(HttpStatusCode.OK);

        Assert.Equal((typo.Id, 209m), (corrected.Id, corrected.Kwh));
        var listed = await (await app.Admin().GetAsync("/api/v1/accounts/6100000011/readings")).ReadAsync<List<ReadingBody>>(HttpStatusCode.OK);
        Assert.Equal(2, listed.Count);
    }

    [Fact]
    public async Task Reading_InTheWindow_CountsAsTheEndOfTheMonth_AndAfterItForTheNextPeriod()
    {
        await AccountWithMeterAsync("6100000012");
        app.Clock.Reset(Instant.FromUtc(2026, 12, 5, 8, 0));

        var mid = await (await PostAsync("6100000012", new { takenOn = "2026-11-15", values = new { total = 1100 } })).ReadAsync<SubmittedBody>(HttpStatusCode.Created);
        var window = await (await PostAsync("6100000012", new { takenOn = "2026-12-03", values = new { total = 1200 } })).ReadAsync<SubmittedBody>(HttpStatusCode.Created);
        var after = await (await PostAsync("6100000012", new { values = new { total = 1220 } })).ReadAsync<SubmittedBody>(HttpStatusCode.Created);

        Assert.Equal(("2026-11", false), (mid.Period, mid.EndOfPeriod));
        Assert.Equal(("2026-11", true), (window.Period, window.EndOfPeriod));
        Assert.Equal(("2026-12-05", "2026-12", false), (after.TakenOn, after.Period, after.EndOfPeriod));
    }

    [Fact]
    public async Task Reading_ByADsoKey_IsFromTheDso_AndOnlyForItsOwnAccounts()
    {
        await AccountWithMeterAsync("6100000013");
        await AccountWithMeterAsync("6100000014", dso: "kyiv-region");
        var dso = app.WithApiKey(await _scenario.IssueDsoKeyAsync());

        var own = await (await PostAsync("6100000013", new { takenOn = "2026-11-24", values = new { total = 1100 } }, dso)).ReadAsync<SubmittedBody>(HttpStatusCode.Created);
        var foreign = await PostAsync("6100000014", new { takenOn = "2026-11-24", values = new { total = 1100 } }, dso);
        var asStaff = await PostAsync("6100000013", new { takenOn = "2026-11-25", values = new { total = 1110 }, source = "staff" }, dso);

        Assert.Equal("dso", own.Source);
        Assert.Equal("account_not_found", await CodeOfAsync(foreign, HttpStatusCode.NotFound));
        Assert.Contains("source", (await asStaff.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await dso.GetAsync("/api/v1/accounts/6100000014/readings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dso.GetAsync("/api/v1/accounts/6100000013/readings")).StatusCode);
    }

    [Fact]
    public async Task Reading_WithoutAKey_IsUnauthorized() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/accounts/6100000001/readings", new { values = new { total = 1 } })).StatusCode);

    [Fact]
    public async Task CustomersReading_OfALinkedAccount_AnswersWhatTheFormShows()
    {
        await AccountWithMeterAsync("6100000015");
        var customer = await LinkedCustomerAsync("reading-form@example.com", "6100000015");

        var submitted = await (await customer.PostAsJsonAsync("/api/v1/me/accounts/6100000015/readings", new { takenOn = "2026-11-24", values = new { total = 1250 } }))
            .ReadAsync<SubmittedBody>(HttpStatusCode.Created);
        var listed = await (await customer.GetAsync("/api/v1/me/accounts/6100000015/readings")).ReadAsync<List<ReadingBody>>(HttpStatusCode.OK);

        Assert.Equal(("customer", 250m, 1080.00m), (submitted.Source, submitted.Kwh, submitted.ExpectedAmount));
        Assert.Equal(1000m, submitted.Previous.Values["total"]);
        Assert.Equal(submitted.Id, listed[0].Id);
    }

    [Fact]
    public async Task CustomersReading_OfAnAccountNotLinkedToTheLogin_IsNotFound_AndWithoutATokenUnauthorized()
    {
        await AccountWithMeterAsync("6100000016");
        var stranger = await app.CustomerLoginsSignedInAsync("stranger@example.com");

        var post = await stranger.PostAsJsonAsync("/api/v1/me/accounts/6100000016/readings", new { values = new { total = 1250 } });
        var get = await stranger.GetAsync("/api/v1/me/accounts/6100000016/readings");
        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/v1/me/accounts/6100000016/readings", new { values = new { total = 1250 } });

        Assert.Equal("account_not_found", await CodeOfAsync(post, HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Set<MeterReading>().CountAsync(r => r.AccountNumber == AccountNumber.Parse("6100000016") && r.Source == ReadingSource.Customer)));
    }

    [Fact]
    public async Task CustomersReading_CannotBeSentAsStaff_NorAStaffReadingAsTheCustomer()
    {
        await AccountWithMeterAsync("6100000017");
        var customer = await LinkedCustomerAsync("not-staff@example.com", "6100000017");

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync("/api/v1/accounts/6100000017/readings", new { values = new { total = 1100 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin().PostAsJsonAsync("/api/v1/me/accounts/6100000017/readings", new { values = new { total = 1100 } })).StatusCode);
    }

    private async Task<HttpClient> LinkedCustomerAsync(string email, string account)
    {
        var client = await app.CustomerLoginsSignedInAsync(email);
        await app.InDatabaseAsync(async db =>
        {
            var loginId = await db.Set<CustomerLogin>().Where(l => l.Email == email).Select(l => l.Id).SingleAsync();
            db.Add(AccountLink.Create(loginId, AccountNumber.Parse(account), true, app.Clock.GetCurrentInstant()));
            return await db.SaveChangesAsync();
        });
        return client;
    }
}

internal static class CustomerLoginsOfApp
{
    public static Task<HttpClient> CustomerLoginsSignedInAsync(this VidnovaApp app, string email) => new CustomerLogins(app).SignedInAsync(email);
}

public sealed record MeterBody(string AccountNumber, string SerialNumber, int Zones, int Digits, string InstalledOn, Dictionary<string, decimal> Readings,
    ReadingBody? LastReading, List<ReplacedMeterBody> ReplacedMeters);

public sealed record ReplacedMeterBody(string SerialNumber, int Zones, int Digits, string InstalledOn, string RemovedOn, Dictionary<string, decimal> FinalReadings);

public sealed record ReadingBody(Guid Id, string SerialNumber, string TakenOn, string Period, bool EndOfPeriod, string Source, bool Confirmed,
    Dictionary<string, decimal> Values, Dictionary<string, decimal> Consumption, decimal Kwh);

public sealed record PreviousBody(string TakenOn, Dictionary<string, decimal> Values);

public sealed record SubmittedBody(Guid Id, string Period, Dictionary<string, decimal> Consumption, decimal Kwh, string TakenOn, bool EndOfPeriod, string Source,
    bool Confirmed, bool RolledOver, Dictionary<string, decimal> Values, PreviousBody Previous, decimal? ExpectedAmount);

public sealed class ReadingsApiOnSqlite(SqliteApp app) : ReadingsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReadingsApiOnPostgres(PostgresApp app) : ReadingsApiTests(app), IClassFixture<PostgresApp>;
