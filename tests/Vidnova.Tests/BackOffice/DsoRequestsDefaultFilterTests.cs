using System.Net.Http.Json;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.BackOffice;

/// <summary>
/// Issue 16, item 6: the DSO requests page opens on the unfinished ones, but when none is open it shows them all —
/// the demo's only request, restored, is not hidden behind a filter.
/// </summary>
public abstract class DsoRequestsDefaultFilterTests(VidnovaApp app)
{
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task NothingOpen_ThePageOpensOnAllRequests_OpenOnesStillComeFirstByDefault()
    {
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync("6180000001");
        var sent = await _scenario.SentToDsoAsync("6180000001");
        var dso = app.WithApiKey(await _scenario.IssueDsoKeyAsync());
        foreach (var type in new[] { "received", "completed" })
        {
            (await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events",
                new { type, occurredAt = app.Clock.GetCurrentInstant().ToString() })).EnsureSuccessStatusCode();
        }

        await app.AddStaffAsync("olena@filters.test");
        var staff = await app.SignInStaffAsync("olena@filters.test");

        var restoredOnly = await staff.GetStringAsync("/backoffice/dso-requests");
        Assert.Contains(sent.Number, restoredOnly, StringComparison.Ordinal);
        Assert.Contains("<abbr title=\"kyiv-city\">ПрАТ «ДТЕК Київські електромережі»</abbr>", restoredOnly, StringComparison.Ordinal);

        // The history names who acted and in what role, not the API's actor strings.
        var history = System.Net.WebUtility.HtmlDecode(await staff.GetStringAsync($"/backoffice/applications/{sent.Id}"));
        Assert.Contains("· Клієнт", history, StringComparison.Ordinal);
        Assert.Contains("· ОСР ПрАТ «ДТЕК Київські електромережі»", history, StringComparison.Ordinal);
        Assert.DoesNotContain("· customer", history, StringComparison.Ordinal);
        Assert.DoesNotContain("· dso:", history, StringComparison.Ordinal);

        await _scenario.PutAccountAsync("6180000002");
        var open = await _scenario.SentToDsoAsync("6180000002");
        var withOpen = await staff.GetStringAsync("/backoffice/dso-requests");
        Assert.Contains(open.Number, withOpen, StringComparison.Ordinal);
        Assert.DoesNotContain(sent.Number, withOpen, StringComparison.Ordinal);
    }
}

public sealed class DsoRequestsDefaultFilterOnSqlite(SqliteApp app) : DsoRequestsDefaultFilterTests(app), IClassFixture<SqliteApp>;

public sealed class DsoRequestsDefaultFilterOnPostgres(PostgresApp app) : DsoRequestsDefaultFilterTests(app), IClassFixture<PostgresApp>;
