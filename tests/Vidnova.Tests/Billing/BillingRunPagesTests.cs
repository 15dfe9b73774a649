using System.Net;
using System.Text.Json;
using Vidnova.Billing.Runs;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Billing;

/// <summary>
/// The back office's billing runs: a supervisor starts a run of the previous month from the form, follows it on its
/// page (the progress bar, the figures and the JSON the page polls) to the end, and sees the accounts it failed.
/// </summary>
public abstract class BillingRunPagesTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        app.Clock.Reset(Billing.AfterNovember);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Task<HttpResponseMessage> StartAsync(HttpClient staff, string period) =>
        CabinetPages.SubmitAsync(staff, "/backoffice/billing-runs", new Dictionary<string, string> { ["Period"] = period });

    [Fact]
    public async Task ASupervisor_StartsARunOfThePreviousMonth_AndFollowsItToTheEnd_WithItsFailuresListed()
    {
        await Billing.AccountAsync(app, _scenario, "7600000001", novemberTotal: 1800m);
        await Billing.AccountAsync(app, _scenario, "7600000002", novemberTotal: null);
        await app.AddStaffAsync("runs-supervisor@vidnova.test", StaffRoles.Supervisor);
        var staff = await app.SignInStaffAsync("runs-supervisor@vidnova.test");

        var form = await staff.GetStringAsync("/backoffice/billing-runs");
        // 4 December in Kyiv: November is the month to bill; the menu marks the page.
        Assert.Matches("<input id=\"period\" name=\"Period\" type=\"month\" value=\"2026-11\"", form);
        Assert.Contains("href=\"/backoffice/billing-runs\" aria-current=\"page\"", form, StringComparison.Ordinal);

        var started = await StartAsync(staff, "2026-11");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.Matches("^/backoffice/billing-runs/[0-9a-f-]{36}$", location);
        var id = Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);

        var ended = await Billing.FollowAsync(app, id);
        var live = JsonDocument.Parse(await staff.GetStringAsync($"{location}?handler=Live")).RootElement;
        Assert.Equal(("completed", true), (live.GetProperty("status").GetString(), live.GetProperty("final").GetBoolean()));
        Assert.Equal((ended.Accounts, ended.Billed, ended.Estimated, ended.Skipped, ended.Failed),
            (live.GetProperty("accounts").GetInt32(), live.GetProperty("billed").GetInt32(), live.GetProperty("estimated").GetInt32(),
                live.GetProperty("skipped").GetInt32(), live.GetProperty("failed").GetInt32()));
        Assert.Equal(ended.Accounts, live.GetProperty("done").GetInt32());
        Assert.True(ended.Billed >= 2, ended.ToString());

        // A failure, as a batch records one for an account it could not bill.
        await app.InDatabaseAsync(db =>
        {
            db.Add(BillingRunFailure.Of(id, AccountNumber.Parse("7600000002"), "billing_error", "Немає тарифу на 2026-11-15.", app.Clock.GetCurrentInstant()));
            return db.SaveChangesAsync();
        });
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync(location));
        Assert.Contains("завершено", page, StringComparison.Ordinal);
        Assert.Matches($"<progress id=\"run-progress\" class=\"run-progress\" max=\"{ended.Accounts}\" value=\"{ended.Accounts}\">", page);
        Assert.Contains($"Опрацьовано {ended.Accounts} з {ended.Accounts} особових рахунків", page, StringComparison.Ordinal);
        Assert.Matches($"data-figure=\"billed\">{ended.Billed}<", page);
        Assert.Contains("<td class=\"nowrap\">7600000002</td>", page, StringComparison.Ordinal);
        Assert.Contains("Немає тарифу на 2026-11-15.", page, StringComparison.Ordinal);

        // The list shows the run; the same month again answers with a new run that bills nothing twice.
        var list = await staff.GetStringAsync("/backoffice/billing-runs");
        Assert.Contains($"href=\"/backoffice/billing-runs/{id}\"", list, StringComparison.Ordinal);
        var again = await StartAsync(staff, "2026-11");
        var rerun = await Billing.FollowAsync(app, Guid.Parse(again.Headers.Location!.OriginalString.Split('/')[^1]));
        Assert.Equal(("completed", 0), (rerun.Status, rerun.Billed));
    }

    [Fact]
    public async Task AMonthNotYetEnded_OrNotAMonth_IsRefusedOnTheForm_AndAnOperatorMayNotOpenThePages()
    {
        await app.AddStaffAsync("runs-supervisor2@vidnova.test", StaffRoles.Supervisor);
        await app.AddStaffAsync("runs-operator@vidnova.test", StaffRoles.Operator);
        var staff = await app.SignInStaffAsync("runs-supervisor2@vidnova.test");
        var operatorClient = await app.SignInStaffAsync("runs-operator@vidnova.test");

        var early = await StartAsync(staff, "2026-12");
        var malformed = await StartAsync(staff, "12.2026");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Період 2026-12 ще не закінчився", WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Розрахунковий період пишіть як рік і місяць", WebUtility.HtmlDecode(await malformed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/backoffice/billing-runs/{Guid.NewGuid()}")).StatusCode);
        var denied = await operatorClient.GetAsync("/backoffice/billing-runs");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/backoffice/denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/backoffice/billing-runs\"", await operatorClient.GetStringAsync("/backoffice"), StringComparison.Ordinal);
    }
}

public sealed class BillingRunPagesOnSqlite(BillingSqliteApp app) : BillingRunPagesTests(app), IClassFixture<BillingSqliteApp>;

public sealed class BillingRunPagesOnPostgres(BillingPostgresApp app) : BillingRunPagesTests(app), IClassFixture<BillingPostgresApp>;
