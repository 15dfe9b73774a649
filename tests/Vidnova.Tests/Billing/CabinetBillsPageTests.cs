using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Billing;

/// <summary>Two-zone accounts billed for September (read), October (estimated) and November (read, with the correction).</summary>
internal static class BilledMonths
{
    public static async Task TwoZoneAccountAsync(VidnovaApp app, Scenario scenario, string number)
    {
        await scenario.PutAccountAsync(number, supplyStatus: "connected");
        (await app.Admin().PutAsJsonAsync($"/api/v1/accounts/{number}/meter",
            new { serialNumber = $"Z-{number}", zones = 2, digits = 6, installedOn = "2026-09-01", readings = new { day = 1000, night = 500 } })).EnsureSuccessStatusCode();
        (await app.Admin().PostAsJsonAsync($"/api/v1/accounts/{number}/readings",
            new { takenOn = "2026-09-30", values = new { day = 1200, night = 600 }, confirm = true })).EnsureSuccessStatusCode();
        (await app.Admin().PostAsJsonAsync($"/api/v1/accounts/{number}/readings",
            new { takenOn = "2026-11-30", values = new { day = 1650.5m, night = 820 }, confirm = true })).EnsureSuccessStatusCode();
    }

    public static async Task BillSeptemberToNovemberAsync(VidnovaApp app)
    {
        foreach (var period in new[] { "2026-09", "2026-10", "2026-11" })
        {
            var run = await Billing.RunAsync(app, period);
            Assert.True(run.Status == "completed" && run.Failed == 0, run.ToString());
        }
    }
}

/// <summary>
/// The cabinet's bills page as a browser without script reads it: the bills newest first with their PDFs, the
/// consumption chart as accessible SVG with estimated months drawn differently, and its table and CSV with the same
/// figures as <c>GET /api/v1/me/accounts/{number}/consumption</c>.
/// </summary>
public abstract partial class CabinetBillsPageTests(VidnovaApp app) : IAsyncLifetime
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");
    private readonly Scenario _scenario = new(app);
    private readonly CabinetCustomers _customers = new(app);

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        app.Clock.Reset(Billing.AfterNovember);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> BrowserOfAsync(string email, params string[] accounts)
    {
        var browser = await new CabinetPages(app).SignedInAsync(email);
        var loginId = await _customers.LoginIdAsync(email);
        foreach (var account in accounts)
        {
            await _customers.LinkAsync(loginId, account);
        }

        return browser;
    }

    private static string Kwh(decimal kwh) => kwh.ToString("#,0.###", Ukrainian);

    private static string Uah(decimal amount) => amount.ToString("#,0.00", Ukrainian) + " грн";

    /// <summary>The cells of a table row, as text.</summary>
    private static List<string> Cells(string rowHtml) =>
        [.. CellPattern().Matches(rowHtml).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", " ")).Select(c => Regex.Replace(c, @"[ \t\r\n]+", " ").Trim())];

    [Fact]
    public async Task ThePage_ListsTheBillsNewestFirst_DrawsTheChart_AndItsTableHasTheApisFigures()
    {
        const string account = "7400000001";
        await BilledMonths.TwoZoneAccountAsync(app, _scenario, account);
        await BilledMonths.BillSeptemberToNovemberAsync(app);
        var browser = await BrowserOfAsync("bills-page@example.com", account);

        var response = await browser.GetAsync($"/cabinet/accounts/{account}/bills");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var bills = (await browser.GetFromJsonAsync<List<BillBody>>($"/api/v1/me/accounts/{account}/bills", Json.Options))!;
        var consumption = await browser.GetFromJsonAsync<List<ConsumptionBody>>($"/api/v1/me/accounts/{account}/consumption?months=24", Json.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["2026-11", "2026-10", "2026-09"], bills.Select(b => b.Period));
        Assert.Equal([false, true, false], bills.Select(b => b.Estimated));
        // The bills' table: newest first, each with what to pay by when, its PDF, kWh and the charge.
        var billsTable = BillsTable().Match(html).Groups[1].Value;
        var rows = RowPattern().Matches(billsTable).Select(m => string.Join(" | ", Cells(m.Value))).ToList();
        static string Month(string period) =>
            Ukrainian.DateTimeFormat.GetMonthName(int.Parse(period[5..], CultureInfo.InvariantCulture)).ToLowerInvariant() + " " + period[..4];
        Assert.Equal(
            bills.Select(b => string.Join(" | ", Month(b.Period) + (b.Estimated ? " за оцінкою" : ""), Uah(b.ToPay),
                $"{b.DueDate[8..]}.{b.DueDate[5..7]}.{b.DueDate[..4]}", $"PDF — рахунок за {Month(b.Period)}", Kwh(b.Kwh), Uah(b.Amount))),
            rows);
        Assert.Contains($"href=\"/cabinet/accounts/{account}/bills?handler=Pdf&period=2026-10\"", html, StringComparison.Ordinal);

        // The chart: an image with a name and a description, a bar per month stacked by zone, October hatched.
        Assert.Matches("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\"", html);
        Assert.Contains("<title id=\"chart-title\">Споживання електроенергії по місяцях, кВт·год</title>", html, StringComparison.Ordinal);
        Assert.Contains("вересень 2026 — листопад 2026: 3 міс. з рахунком", html, StringComparison.Ordinal);
        var segments = SegmentPattern().Matches(html).Select(m => (m.Groups["class"].Value, m.Groups["period"].Value, m.Groups["zone"].Value)).ToList();
        Assert.Equal(
            [("actual", "2026-09", "night"), ("actual", "2026-09", "day"), ("estimated", "2026-10", "night"), ("estimated", "2026-10", "day"),
                ("actual", "2026-11", "night"), ("actual", "2026-11", "day")],
            segments);
        Assert.Contains("fill=\"url(#hatch-day)\"", html, StringComparison.Ordinal);
        Assert.Contains("заштриховано — за оцінкою, без показань", html, StringComparison.Ordinal);

        // The table beside it: the API's months, oldest first, kWh by zone, how each was determined, the amount.
        Assert.Equal(3, consumption!.Count);
        foreach (var month in consumption)
        {
            var row = Assert.Single(RowPattern().Matches(html), m => m.Value.Contains($"data-period=\"{month.Period}\"", StringComparison.Ordinal));
            Assert.Equal(
                [Cells(row.Value)[0], Kwh(month.Zones["day"]), Kwh(month.Zones["night"]), Kwh(month.Kwh), month.Estimated ? "за оцінкою" : "за показаннями", Uah(month.Amount)],
                Cells(row.Value));
        }

        Assert.Equal((200m, 100m, 300m), (consumption[0].Zones["day"], consumption[0].Zones["night"], consumption[0].Kwh));
        Assert.True(consumption[1].Estimated);
    }

    [Fact]
    public async Task TheCsv_HasTheTablesRows_WithTheApisFigures_InUkrainianExcelsConventions()
    {
        const string account = "7400000011";
        await BilledMonths.TwoZoneAccountAsync(app, _scenario, account);
        await BilledMonths.BillSeptemberToNovemberAsync(app);
        var browser = await BrowserOfAsync("bills-csv@example.com", account);

        var response = await browser.GetAsync($"/cabinet/accounts/{account}/bills?handler=Csv");
        var consumption = await browser.GetFromJsonAsync<List<ConsumptionBody>>($"/api/v1/me/accounts/{account}/consumption", Json.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"vidnova-{account}-consumption.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Період;Денна зона, кВт·год;Нічна зона, кВт·год;Усього, кВт·год;Оцінено;Сума, грн", lines[0]);
        Assert.Equal(
            consumption!.Select(m => string.Join(';', m.Period, m.Zones["day"].ToString("0.###", Ukrainian), m.Zones["night"].ToString("0.###", Ukrainian),
                m.Kwh.ToString("0.###", Ukrainian), m.Estimated ? "так" : "ні", m.Amount.ToString("0.00", Ukrainian))),
            lines[1..]);
        // September: 200 kWh by day at 4,32 and 100 at night at half the price.
        Assert.Equal("2026-09;200;100;300;ні;1080,00", lines[1]);

        using var english = new HttpRequestMessage(HttpMethod.Get, $"/cabinet/accounts/{account}/bills?handler=Csv");
        english.Headers.Add("Accept-Language", "en");
        var text = (await (await browser.SendAsync(english)).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("Period,\"Day zone, kWh\",\"Night zone, kWh\",\"Total, kWh\",Estimated,\"Amount, UAH\"\r\n2026-09,200,100,300,no,1080.00\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePdf_IsServedBehindTheCabinetsCookie_AndAnotherLoginsAccountIsNotFound()
    {
        const string account = "7400000021";
        await Billing.AccountAsync(app, _scenario, account, novemberTotal: 1800m);
        await Billing.AccountAsync(app, _scenario, "7400000022", novemberTotal: 1700m);
        await Billing.RunAsync(app, "2026-11");
        var browser = await BrowserOfAsync("bills-pdf@example.com", account);

        var pdf = await browser.GetAsync($"/cabinet/accounts/{account}/bills?handler=Pdf&period=2026-11");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/cabinet/accounts/{account}/bills?handler=Pdf&period=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/cabinet/accounts/7400000022/bills")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/cabinet/accounts/7400000022/bills?handler=Pdf&period=2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/cabinet/accounts/7400000022/bills?handler=Csv")).StatusCode);
        // The account's page leads here.
        Assert.Contains($"href=\"/cabinet/accounts/{account}/bills\"", await browser.GetStringAsync($"/cabinet/accounts/{account}"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<table class=""data bills"">(.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex BillsTable();

    [GeneratedRegex(@"<tr\b[^>]*>(?:(?!</tr>).)*<td(?:(?!</tr>).)*</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"<t[dh]\b[^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex(@"<rect [^>]*class=""(?<class>estimated|actual)"" data-period=""(?<period>[0-9-]+)"" data-zone=""(?<zone>[a-zA-Z]+)""", RegexOptions.Singleline)]
    private static partial Regex SegmentPattern();
}

public sealed class CabinetBillsPageOnSqlite(BillingSqliteApp app) : CabinetBillsPageTests(app), IClassFixture<BillingSqliteApp>;

public sealed class CabinetBillsPageOnPostgres(BillingPostgresApp app) : CabinetBillsPageTests(app), IClassFixture<BillingPostgresApp>;
