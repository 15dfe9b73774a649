using System.Net;
using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Billing;

/// <summary>
/// The bill-ready email: a login that ticked «Надсилати мені рахунки на email» on an account's bills page gets one
/// email per new bill, queued by the billing run itself; a rerun of the period makes no bill and so no second email,
/// and logins that did not ask (or asked and unticked) get none.
/// </summary>
public abstract class BillReadyEmailTests(VidnovaApp app) : IAsyncLifetime
{
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

    private static Task<HttpResponseMessage> EmailBillsAsync(HttpClient browser, string account, bool on) =>
        CabinetPages.SubmitAsync(browser, $"/cabinet/accounts/{account}/bills", on ? new Dictionary<string, string> { ["email"] = "true" } : [],
            $"/cabinet/accounts/{account}/bills?handler=Emails");

    private Task<List<(string Key, string Recipient, string Subject, string Html, Guid? Correlation)>> BillEmailsAsync() =>
        app.InDatabaseAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.DeduplicationKey.StartsWith("bill-ready:"))
            .Select(m => new { m.DeduplicationKey, m.Recipient, m.Subject, m.HtmlBody, m.CorrelationId }).ToListAsync())
            .Select(m => (m.DeduplicationKey, m.Recipient, m.Subject, m.HtmlBody, m.CorrelationId)).ToList());

    [Fact]
    public async Task AnOptedInLogin_GetsOneEmailPerBill_WithWhatToPayByWhen_AndARerunQueuesNoSecond()
    {
        const string account = "7500000001";
        await Billing.AccountAsync(app, _scenario, account, novemberTotal: 1850.5m);
        await Billing.AccountAsync(app, _scenario, "7500000002", novemberTotal: 1700m);
        var wants = await BrowserOfAsync("wants-bills@example.com", account);
        // A second login of the same family's account, and one of another account, that did not ask.
        var silent = await BrowserOfAsync("no-bills@example.com", account, "7500000002");
        var unticked = await BrowserOfAsync("unticked-bills@example.com", "7500000002");

        var saved = await EmailBillsAsync(wants, account, on: true);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Matches("id=\"email\"[^>]*checked=\"checked\"", await wants.GetStringAsync($"/cabinet/accounts/{account}/bills"));
        Assert.DoesNotMatch("id=\"email\"[^>]*checked", await silent.GetStringAsync($"/cabinet/accounts/{account}/bills"));
        await EmailBillsAsync(unticked, "7500000002", on: true);
        await EmailBillsAsync(unticked, "7500000002", on: false);
        Assert.DoesNotMatch("id=\"email\"[^>]*checked", await unticked.GetStringAsync("/cabinet/accounts/7500000002/bills"));

        var run = await Billing.RunAsync(app, "2026-10");
        Assert.Equal(0, run.Failed);
        await Billing.RunAsync(app, "2026-11");
        await Billing.AccountAsync(app, _scenario, "7500000003", novemberTotal: 1650m);
        var rerun = await Billing.RunAsync(app, "2026-11");

        Assert.Equal(("completed", 1), (rerun.Status, rerun.Billed));
        var bills = (await Billing.BillsAsync(app)).Where(b => b.AccountNumber == AccountNumber.Parse(account)).OrderBy(b => b.Period).ToList();
        Assert.Equal(2, bills.Count);
        var emails = await BillEmailsAsync();
        // One per bill of the opted-in account, to that login only; none for the rerun's new account or the others.
        Assert.Equal(bills.Select(b => (Guid?)b.Id).Order(), emails.Select(e => e.Correlation).Order());
        Assert.All(emails, e => Assert.Equal("wants-bills@example.com", e.Recipient));
        Assert.Equal(2, emails.Select(e => e.Key).Distinct().Count());

        var november = bills.Single(b => b.Period == BillingPeriod.Of(2026, 11));
        var email = emails.Single(e => e.Correlation == november.Id);
        Assert.Equal($"Рахунок за листопад 2026: до сплати {november.ToPay.ToString(null, System.Globalization.CultureInfo.GetCultureInfo("uk-UA"))} до 20.12.2026 — о/р {account}",
            email.Subject);
        Assert.Contains($"https://vidnova.test/cabinet/accounts/{account}/bills?handler=Pdf&amp;period=2026-11", email.Html, StringComparison.Ordinal);
        Assert.Contains("250,5 кВт·год", email.Html, StringComparison.Ordinal);

        // And it goes out.
        var sent = await app.Mail.WaitForAsync(m => m.To == "wants-bills@example.com" && m.Subject.StartsWith("Рахунок за листопад 2026", StringComparison.Ordinal),
            "the November bill's email");
        Assert.Contains($"/cabinet/accounts/{account}/bills", sent.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnlinkedLogin_OrOneWithoutAConfirmedEmail_GetsNoBillEmail()
    {
        const string account = "7500000011";
        await Billing.AccountAsync(app, _scenario, account, novemberTotal: 1800m);
        var browser = await BrowserOfAsync("gone-bills@example.com", account);
        await EmailBillsAsync(browser, account, on: true);
        // The login unlinked the account afterwards (the subscription row is left behind).
        await app.InDatabaseAsync(db => db.Set<Vidnova.Customers.AccountLink>().Where(l => l.AccountNumber == AccountNumber.Parse(account)).ExecuteDeleteAsync());

        await Billing.RunAsync(app, "2026-11");

        Assert.NotNull((await Billing.BillsAsync(app)).SingleOrDefault(b => b.AccountNumber == AccountNumber.Parse(account) && b.Period == BillingPeriod.Of(2026, 11)));
        Assert.DoesNotContain(await BillEmailsAsync(), e => e.Recipient == "gone-bills@example.com");
    }
}

public sealed class BillReadyEmailOnSqlite(BillingSqliteApp app) : BillReadyEmailTests(app), IClassFixture<BillingSqliteApp>;

public sealed class BillReadyEmailOnPostgres(BillingPostgresApp app) : BillReadyEmailTests(app), IClassFixture<BillingPostgresApp>;
