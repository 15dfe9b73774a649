using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Dunning;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.RepaymentSchedules;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.RepaymentSchedules;

/// <summary>
/// A host with the schedule policy the tests reason about (up to 10 000 UAH approved at once, 12 months, 10 grace
/// days, a broken schedule remembered 12 months), a billing worker that looks every second, and restoration on an
/// active schedule allowed or not.
/// </summary>
public class ScheduleApp : VidnovaApp
{
    public ScheduleApp(DatabaseProvider provider, bool restorationOnSchedule)
        : base(provider) => Settings = new Dictionary<string, string?>
        {
            ["Billing:PollSeconds"] = "1",
            ["Billing:BatchSize"] = "3",
            ["RepaymentSchedules:MaxDebt"] = "10000",
            ["RepaymentSchedules:MaxMonths"] = "12",
            ["RepaymentSchedules:GraceDays"] = "10",
            ["RepaymentSchedules:BrokenLookbackMonths"] = "12",
            // The periodic pass runs once at start; the tests run it themselves when they move the clock.
            ["RepaymentSchedules:CheckMinutes"] = "600",
            ["Restoration:AllowOnActiveSchedule"] = restorationOnSchedule ? "true" : "false",
        };
}

public sealed class ScheduleSqliteApp() : ScheduleApp(DatabaseProvider.Sqlite, restorationOnSchedule: false);

public sealed class SchedulePostgresApp() : ScheduleApp(DatabaseProvider.Postgres, restorationOnSchedule: false);

public sealed class ScheduleRestorationSqliteApp() : ScheduleApp(DatabaseProvider.Sqlite, restorationOnSchedule: true);

public sealed class ScheduleRestorationPostgresApp() : ScheduleApp(DatabaseProvider.Postgres, restorationOnSchedule: true);

public sealed record OfferBody(string AccountNumber, decimal Debt, int Months, int MaxMonths, List<OfferedInstalmentBody> Instalments);

public sealed record OfferedInstalmentBody(int Number, string DueOn, decimal Amount);

public sealed record InstalmentBody(int Number, string DueOn, decimal Amount, decimal Paid);

public sealed record ScheduleBody(Guid Id, string AccountNumber, string Status, decimal Debt, int Months, decimal Paid, decimal Remaining,
    decimal CurrentBillsDue, InstalmentBody? NextInstalment, List<InstalmentBody> Instalments, DateTimeOffset RequestedAt, DateTimeOffset TermsAcceptedAt,
    List<string> ReferredFor, DateTimeOffset? DecidedAt, string? DecidedBy, string? DeclineReason, DateTimeOffset? CompletedAt, DateTimeOffset? BrokenAt,
    int? BrokenInstalment, Guid? RequestedBy);

/// <summary>Shared by the schedule tests: accounts, customers, payments and the clock.</summary>
internal sealed class Schedules(VidnovaApp app)
{
    /// <summary>Friday 4 December 2026, 11:00 in Kyiv.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 12, 4, 9, 0);

    private readonly Scenario _scenario = new(app);
    private readonly CabinetCustomers _customers = new(app);

    public Scenario Scenario => _scenario;

    public async Task<HttpClient> CustomerWithAsync(string account, decimal debt, string email, string supplyStatus = "connected")
    {
        await _scenario.PutAccountAsync(account, debt: debt, supplyStatus: supplyStatus);
        return (await _customers.SignedInWithAsync(email, account)).Client;
    }

    public async Task<(HttpClient Client, Guid LoginId)> LoginWithAsync(string email, params string[] accounts) =>
        await _customers.SignedInWithAsync(email, accounts);

    public static Task<HttpResponseMessage> RequestAsync(HttpClient customer, string account, int months, bool acceptTerms = true) =>
        customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/repayment-schedules", new { months, acceptTerms });

    public static async Task<ScheduleBody> ConcludedAsync(HttpClient customer, string account, int months) =>
        await (await RequestAsync(customer, account, months)).ReadAsync<ScheduleBody>(HttpStatusCode.Created);

    public static async Task<ScheduleBody> CurrentAsync(HttpClient customer, string account) =>
        await (await customer.GetAsync($"/api/v1/me/accounts/{account}/repayment-schedules/current")).ReadAsync<ScheduleBody>(HttpStatusCode.OK);

    public async Task<ScheduleBody> StaffCurrentAsync(string account) =>
        await (await app.Admin().GetAsync($"/api/v1/accounts/{account}/repayment-schedules/current")).ReadAsync<ScheduleBody>(HttpStatusCode.OK);

    public async Task PayAsync(string account, decimal amount)
    {
        var response = await app.Admin().PostAsJsonAsync("/api/v1/payments", new
        {
            accountNumber = account,
            amount,
            paidAt = app.Clock.GetCurrentInstant().ToString(),
            channel = "bank",
            reference = Guid.NewGuid().ToString("N"),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task DunningRunAsync() => (await app.Admin().PostAsync("/api/v1/dunning/runs", null)).EnsureSuccessStatusCode();

    public async Task<string?> DunningStateAsync(string account) =>
        (await app.Admin().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/accounts/{account}/dunning")).GetProperty("state").GetString();

    /// <summary>Every queued email has gone out, so a count of the mail folder is final.</summary>
    public Task OutboxDrainedAsync() => Eventually.TrueAsync(
        () => app.InDatabaseAsync(db => db.Set<Vidnova.Notifications.OutboxMessage>().AllAsync(m => m.SentAt != null)),
        TimeSpan.FromSeconds(20), () => "emails still in the outbox");

    public void MoveTo(int year, int month, int day) => app.Clock.Reset(Instant.FromUtc(year, month, day, 9, 0));

    public Task<DunningHold?> HoldAsync(Guid reference) =>
        app.InDatabaseAsync(db => db.Set<DunningHold>().AsNoTracking().SingleOrDefaultAsync(h => h.Reference == reference));

    /// <summary>One pass of the periodic check, as <see cref="ScheduleWatch"/> runs it on every instance.</summary>
    public async Task<int> CheckAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduleCompliance>().JudgeActiveAsync(CancellationToken.None);
    }
}

/// <summary>
/// Repayment schedules over HTTP with the fake clock: offered, concluded within the policy or referred to a supervisor
/// who approves or declines, followed with payments matched to the current bill first, completed, and broken —
/// the customer emailed, dunning's hold released and the next schedule referred.
/// </summary>
public abstract class RepaymentScheduleApiTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Schedules _schedules = new(app);

    public async Task InitializeAsync()
    {
        await _schedules.Scenario.RegisterDsoAsync();
        app.Clock.Reset(Schedules.Start);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheOffer_SplitsTheDebtIntoEqualMonthlyParts_AndRefusesMonthsOutsideTheRange()
    {
        var customer = await _schedules.CustomerWithAsync("7700000101", 1000m, "offer@example.com");
        await _schedules.Scenario.PutAccountAsync("7700000102", debt: 0m, supplyStatus: "connected");
        await new CabinetCustomers(app).LinkAsync(await new CabinetCustomers(app).LoginIdAsync("offer@example.com"), "7700000102");
        await _schedules.Scenario.PutAccountAsync("7700000103", debt: 500m, supplyStatus: "connected");

        var offer = await (await customer.GetAsync("/api/v1/me/accounts/7700000101/repayment-schedule/offer?months=3")).ReadAsync<OfferBody>(HttpStatusCode.OK);

        Assert.Equal(("7700000101", 1000m, 3, 12), (offer.AccountNumber, offer.Debt, offer.Months, offer.MaxMonths));
        Assert.Equal(
            [new OfferedInstalmentBody(1, "2027-01-04", 333.33m), new OfferedInstalmentBody(2, "2027-02-04", 333.33m), new OfferedInstalmentBody(3, "2027-03-04", 333.34m)],
            offer.Instalments);
        Assert.Equal(6, (await (await customer.GetAsync("/api/v1/me/accounts/7700000101/repayment-schedule/offer")).ReadAsync<OfferBody>(HttpStatusCode.OK)).Months);
        foreach (var months in new[] { 1, 13 })
        {
            var refused = await (await customer.GetAsync($"/api/v1/me/accounts/7700000101/repayment-schedule/offer?months={months}"))
                .ReadAsync<Problem>(HttpStatusCode.BadRequest);
            Assert.Equal("months_out_of_range", refused.Code);
        }

        Assert.Equal("no_debt", (await (await customer.GetAsync("/api/v1/me/accounts/7700000102/repayment-schedule/offer?months=3"))
            .ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);
        // Another customer's account: the same 404 as one that does not exist.
        Assert.Equal("account_not_found", (await (await customer.GetAsync("/api/v1/me/accounts/7700000103/repayment-schedule/offer?months=3"))
            .ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task WithinThePolicy_TheScheduleIsActiveAtOnce_TheTermsAreRecorded_DunningIsHeld_AndASecondIsRefused()
    {
        const string account = "7700000201";
        var customer = await _schedules.CustomerWithAsync(account, 6000m, "active@example.com");

        var unaccepted = await (await Schedules.RequestAsync(customer, account, 6, acceptTerms: false)).ReadAsync<Problem>(HttpStatusCode.BadRequest);
        Assert.Equal("terms_not_accepted", unaccepted.Code);
        Assert.Equal("no_schedule", await NoScheduleCodeAsync(customer, account));

        var created = await Schedules.ConcludedAsync(customer, account, 6);

        Assert.Equal(("active", 6000m, 6, 0m, 6000m), (created.Status, created.Debt, created.Months, created.Paid, created.Remaining));
        Assert.All(created.Instalments, i => Assert.Equal((1000m, 0m), (i.Amount, i.Paid)));
        Assert.Equal(new InstalmentBody(1, "2027-01-04", 1000m, 0m), created.NextInstalment);
        Assert.Equal(Schedules.Start.ToDateTimeOffset(), created.TermsAcceptedAt);
        Assert.Null(created.DecidedBy);
        Assert.Null(created.RequestedBy);
        var read = await Schedules.CurrentAsync(customer, account);
        Assert.Equal((created.Id, created.Status, created.DecidedAt), (read.Id, read.Status, read.DecidedAt));
        Assert.Equal(created.Instalments, read.Instalments);
        var staff = await _schedules.StaffCurrentAsync(account);
        Assert.Equal(("policy", await new CabinetCustomers(app).LoginIdAsync("active@example.com")), (staff.DecidedBy, staff.RequestedBy!.Value));

        var hold = await _schedules.HoldAsync(created.Id);
        Assert.NotNull(hold);
        Assert.Equal((DunningHoldReason.RepaymentSchedule, AccountNumber.Parse(account), true), (hold.Reason, hold.AccountNumber, hold.IsActive));

        var second = await (await Schedules.RequestAsync(customer, account, 3)).ReadAsync<Problem>(HttpStatusCode.Conflict);
        Assert.Equal("schedule_exists", second.Code);
    }

    private static async Task<string?> NoScheduleCodeAsync(HttpClient customer, string account)
    {
        var response = await customer.GetAsync($"/api/v1/me/accounts/{account}/repayment-schedules/current");
        return (await response.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code == "schedule_not_found" ? "no_schedule" : null;
    }

    [Fact]
    public async Task AboveTheMaximumDebt_TheScheduleWaitsForASupervisor_WhoApprovesOrDeclinesWithAReason()
    {
        var customer = await _schedules.CustomerWithAsync("7700000301", 15000m, "pending@example.com");
        await _schedules.Scenario.PutAccountAsync("7700000302", debt: 12000m, supplyStatus: "connected");
        await new CabinetCustomers(app).LinkAsync(await new CabinetCustomers(app).LoginIdAsync("pending@example.com"), "7700000302");

        var pending = await Schedules.ConcludedAsync(customer, "7700000301", 12);
        Assert.Equal("pending_approval", pending.Status);
        Assert.Equal(["debt_above_maximum"], pending.ReferredFor);
        Assert.True((await _schedules.HoldAsync(pending.Id))!.IsActive);

        var approved = await (await app.Admin().PostAsync($"/api/v1/accounts/7700000301/repayment-schedules/{pending.Id}/approve", null))
            .ReadAsync<ScheduleBody>(HttpStatusCode.OK);
        Assert.Equal(("active", "staff:api-key"), (approved.Status, approved.DecidedBy));
        Assert.Equal("schedule_state_conflict", (await (await app.Admin().PostAsync($"/api/v1/accounts/7700000301/repayment-schedules/{pending.Id}/approve", null))
            .ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);

        var other = await Schedules.ConcludedAsync(customer, "7700000302", 4);
        var declineUrl = $"/api/v1/accounts/7700000302/repayment-schedules/{other.Id}/decline";
        Assert.Equal("reason_required", (await (await app.Admin().PostAsJsonAsync(declineUrl, new { reason = " " }))
            .ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        var declined = await (await app.Admin().PostAsJsonAsync(declineUrl, new { reason = "Надайте довідку про доходи" })).ReadAsync<ScheduleBody>(HttpStatusCode.OK);

        Assert.Equal(("declined", "Надайте довідку про доходи", "staff:api-key"), (declined.Status, declined.DeclineReason, declined.DecidedBy));
        Assert.False((await _schedules.HoldAsync(other.Id))!.IsActive);
        var seen = await Schedules.CurrentAsync(customer, "7700000302");
        Assert.Equal(("declined", "Надайте довідку про доходи", (string?)null), (seen.Status, seen.DeclineReason, seen.DecidedBy));
        // Declined, the account may ask again.
        Assert.Equal("pending_approval", (await Schedules.ConcludedAsync(customer, "7700000302", 6)).Status);
        // Wrong account for the id: not found.
        Assert.Equal("schedule_not_found", (await (await app.Admin().PostAsync($"/api/v1/accounts/7700000301/repayment-schedules/{other.Id}/approve", null))
            .ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task Followed_PaymentsGoToTheCurrentBillOnceDue_ThenToTheInstalments_AndAllPaidCompletesIt()
    {
        const string account = "7700000401";
        await Vidnova.Tests.Billing.Billing.AccountAsync(app, _schedules.Scenario, account, novemberTotal: 1700m, debt: 2000m);
        var (customer, _) = await _schedules.LoginWithAsync("followed@example.com", account);
        // October is billed before the schedule (600 kWh × 4,32 = 2592,00), so it is part of the debt: 4592,00.
        Assert.Equal(0, (await Vidnova.Tests.Billing.Billing.RunAsync(app, "2026-10")).Failed);
        var schedule = await Schedules.ConcludedAsync(customer, account, 2);
        Assert.Equal([2296m, 2296m], schedule.Instalments.Select(i => i.Amount));

        // The November bill is issued after the schedule started: 100 kWh × 4,32 = 432,00, due 20 December.
        app.Clock.Advance(Duration.FromHours(1));
        var run = await Vidnova.Tests.Billing.Billing.RunAsync(app, "2026-11");
        Assert.Equal(0, run.Failed);
        _schedules.MoveTo(2026, 12, 10);
        await _schedules.PayAsync(account, 2296m);

        var early = await Schedules.CurrentAsync(customer, account);
        Assert.Equal([2296m, 0m], early.Instalments.Select(i => i.Paid));
        Assert.Equal(0m, early.CurrentBillsDue);

        // From the bill's due date it takes the payments first: the first instalment is short by the bill.
        _schedules.MoveTo(2026, 12, 21);
        var billDue = await Schedules.CurrentAsync(customer, account);
        Assert.Equal([1864m, 0m], billDue.Instalments.Select(i => i.Paid));
        Assert.Equal(432m, billDue.CurrentBillsDue);
        Assert.Equal(new InstalmentBody(1, "2027-01-04", 2296m, 1864m), billDue.NextInstalment);

        await _schedules.PayAsync(account, 432m);
        Assert.Equal("active", (await Schedules.CurrentAsync(customer, account)).Status);
        _schedules.MoveTo(2027, 1, 20);
        await _schedules.PayAsync(account, 2296m);

        var done = await Schedules.CurrentAsync(customer, account);
        Assert.Equal(("completed", 4592m, 0m), (done.Status, done.Paid, done.Remaining));
        Assert.NotNull(done.CompletedAt);
        Assert.Null(done.NextInstalment);
        Assert.False((await _schedules.HoldAsync(schedule.Id))!.IsActive);
    }

    [Fact]
    public async Task AnInstalmentUnpaidPastTheGraceDays_BreaksTheSchedule_TheCustomerIsEmailed_DunningResumes_AndTheNextIsReferred()
    {
        const string account = "7700000501";
        var customer = await _schedules.CustomerWithAsync(account, 3000m, "broken@example.com");
        var schedule = await Schedules.ConcludedAsync(customer, account, 3);
        await _schedules.PayAsync(account, 400m);

        // Due 4 January, 10 grace days: still on the 14th.
        _schedules.MoveTo(2027, 1, 14);
        await _schedules.CheckAsync();
        Assert.Equal("active", (await _schedules.StaffCurrentAsync(account)).Status);
        // While the schedule holds the account, dunning opens no case, though 2 600 UAH is long overdue.
        await _schedules.DunningRunAsync();
        Assert.Equal("none", await _schedules.DunningStateAsync(account));

        // The periodic pass breaks it (the other tests' schedules on this host may go with it); a second pass changes nothing.
        _schedules.MoveTo(2027, 1, 15);
        Assert.True(await _schedules.CheckAsync() >= 1);
        Assert.Equal(0, await _schedules.CheckAsync());

        var broken = await Schedules.CurrentAsync(customer, account);
        Assert.Equal(("broken", 1, 400m), (broken.Status, broken.BrokenInstalment, broken.Paid));
        Assert.NotNull(broken.BrokenAt);
        Assert.False((await _schedules.HoldAsync(schedule.Id))!.IsActive);
        var mail = await app.Mail.WaitForAsync(m => m.To == "broken@example.com" && m.Subject.Contains(account, StringComparison.Ordinal)
            && m.Subject.Contains("порушено", StringComparison.Ordinal), "the broken schedule's email");
        Assert.Contains("Внесок № 1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://vidnova.test/cabinet/accounts/{account}/repayment-schedule", mail.TextBody, StringComparison.Ordinal);
        await _schedules.OutboxDrainedAsync();
        Assert.Single(app.Mail.All(), m => m.Subject.Contains("порушено", StringComparison.Ordinal) && m.Subject.Contains(account, StringComparison.Ordinal));

        // The hold is gone: the next dunning pass starts again from a first warning of the overdue debt.
        await _schedules.DunningRunAsync();
        Assert.Equal("warned", await _schedules.DunningStateAsync(account));

        // Broken within the last 12 months: the next one waits for a supervisor.
        var next = await Schedules.ConcludedAsync(customer, account, 6);
        Assert.Equal("pending_approval", next.Status);
        Assert.Equal(["broken_recently"], next.ReferredFor);
    }

    [Fact]
    public async Task ReadsAndPassesRacingAtTheBreakingDate_BreakItOnce_WithOneEmailPerLogin()
    {
        const string account = "7700000551";
        var customer = await _schedules.CustomerWithAsync(account, 2000m, "racing@example.com");
        var (second, _) = await _schedules.LoginWithAsync("racing-2@example.com", account);
        var schedule = await Schedules.ConcludedAsync(customer, account, 2);
        _schedules.MoveTo(2027, 1, 15);

        var reads = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? customer : second).GetAsync($"/api/v1/me/accounts/{account}/repayment-schedules/current")).ToList();
        var pass = _schedules.CheckAsync();
        var responses = await Task.WhenAll(reads);
        await pass;

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("broken", (await Schedules.CurrentAsync(customer, account)).Status);
        await app.Mail.WaitForAsync(m => m.To == "racing-2@example.com" && m.Subject.Contains(account, StringComparison.Ordinal), "the second login's email");
        await app.Mail.WaitForAsync(m => m.To == "racing@example.com" && m.Subject.Contains(account, StringComparison.Ordinal), "the first login's email");
        await _schedules.OutboxDrainedAsync();
        Assert.Equal(2, app.Mail.All().Count(m => m.Subject.Contains(account, StringComparison.Ordinal) && m.Subject.Contains("порушено", StringComparison.Ordinal)));
        Assert.False((await _schedules.HoldAsync(schedule.Id))!.IsActive);
    }

    [Fact]
    public async Task WithRestorationOnASchedule_Off_TheWholeDebtIsStillAsked()
    {
        const string account = "7700000601";
        var customer = await _schedules.CustomerWithAsync(account, 6000m, "taras@example.com", supplyStatus: "disconnected_for_debt");
        await Schedules.ConcludedAsync(customer, account, 6);
        await _schedules.PayAsync(account, 1000m);

        var refused = await (await app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor(account)))
            .ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("debt_outstanding", refused.Code);
        Assert.Contains("000,00 грн", refused.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Заборгованість погашено не повністю", refused.Detail, StringComparison.Ordinal);
    }
}

public sealed class RepaymentScheduleApiOnSqlite(ScheduleSqliteApp app) : RepaymentScheduleApiTests(app), IClassFixture<ScheduleSqliteApp>;

public sealed class RepaymentScheduleApiOnPostgres(SchedulePostgresApp app) : RepaymentScheduleApiTests(app), IClassFixture<SchedulePostgresApp>;

/// <summary>With <c>Restoration:AllowOnActiveSchedule</c>: the first instalment and the current bill are what is asked.</summary>
public abstract class RestorationOnScheduleTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Schedules _schedules = new(app);

    public async Task InitializeAsync()
    {
        await _schedules.Scenario.RegisterDsoAsync();
        app.Clock.Reset(Schedules.Start);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ADisconnectedAccountOnAnActiveSchedule_MayApplyOnceTheFirstInstalmentIsPaid_AndTheRefusalSaysWhatIsLeft()
    {
        const string account = "7700000701";
        var customer = await _schedules.CustomerWithAsync(account, 6000m, "taras@example.com", supplyStatus: "disconnected_for_debt");
        var apply = () => app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor(account));

        // Without a schedule, the whole debt.
        Assert.StartsWith("Заборгованість погашено не повністю", (await (await apply()).ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Detail,
            StringComparison.Ordinal);
        await Schedules.ConcludedAsync(customer, account, 6);
        await _schedules.PayAsync(account, 400m);

        var refused = await (await apply()).ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("debt_outstanding", refused.Code);
        Assert.Contains("600,00 грн: це перший внесок графіка й поточний рахунок", refused.Detail, StringComparison.Ordinal);

        await _schedules.PayAsync(account, 600m);
        var applied = await (await apply()).ReadAsync<ApplyBody>(HttpStatusCode.Created);
        Assert.Equal("awaiting_email_confirmation", applied.Status);
    }
}

public sealed class RestorationOnScheduleOnSqlite(ScheduleRestorationSqliteApp app) : RestorationOnScheduleTests(app), IClassFixture<ScheduleRestorationSqliteApp>;

public sealed class RestorationOnScheduleOnPostgres(ScheduleRestorationPostgresApp app) : RestorationOnScheduleTests(app), IClassFixture<ScheduleRestorationPostgresApp>;
