using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidnova.Customers;
using Vidnova.Demo;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Payments.Online.LiqPay;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Payments;

/// <summary>
/// The host with LiqPay pointed at the LiqPay simulator inside it (the demo's set-up), its HTTP clients — Vidnova's
/// status API client and the simulator's callbacks — going through the test server, so every call is real HTTP
/// handling with the real client code.
/// </summary>
public class LiqPayApp : VidnovaApp
{
    public const string PublicKey = "sandbox_i_test";
    public const string PrivateKey = "sandbox_test_private_key";

    public LiqPayApp(DatabaseProvider provider, bool dropCallbacks = false)
        : base(provider) => Settings = new Dictionary<string, string?>
        {
            ["Payments:LiqPay:PublicKey"] = PublicKey,
            ["Payments:LiqPay:PrivateKey"] = PrivateKey,
            ["Payments:LiqPay:CheckoutUrl"] = "https://vidnova.test/simulators/liqpay/api/3/checkout",
            ["Payments:LiqPay:ApiUrl"] = "https://vidnova.test/simulators/liqpay/api/request",
            ["Payments:Online:PollSeconds"] = "0.2",
            ["Payments:Online:PendingPollMinutes"] = "10",
            ["Demo:LiqPaySimulator:Enabled"] = "true",
            ["Demo:LiqPaySimulator:PublicKey"] = PublicKey,
            ["Demo:LiqPaySimulator:PrivateKey"] = PrivateKey,
            ["Demo:LiqPaySimulator:DropCallbacks"] = dropCallbacks ? "true" : "false",
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            foreach (var name in new[] { LiqPayProvider.HttpClientName, SimulatedLiqPay.CallbackClient })
            {
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
            }
        });
    }

    /// <summary>A browser that stops at redirects, to see where the simulator sends it.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

public sealed class LiqPaySqliteApp() : LiqPayApp(DatabaseProvider.Sqlite);

public sealed class LiqPayPostgresApp() : LiqPayApp(DatabaseProvider.Postgres);

/// <summary>The simulator loses every server callback: only the status API tells the outcome.</summary>
public sealed class LostCallbacksSqliteApp() : LiqPayApp(DatabaseProvider.Sqlite, dropCallbacks: true);

public sealed class LostCallbacksPostgresApp() : LiqPayApp(DatabaseProvider.Postgres, dropCallbacks: true);

public sealed record CheckoutBody(string OrderId, string RedirectUrl, CheckoutFormBody? Form);

public sealed record CheckoutFormBody(string Action, string Data, string Signature);

public sealed record OnlinePaymentBody(string OrderId, string AccountNumber, decimal Amount, string Provider, string Status);

public sealed record AccountBody(string AccountNumber, decimal Debt, decimal Balance);

/// <summary>A customer with a linked account paying it online, and the callbacks LiqPay would send.</summary>
internal sealed class OnlineCheckout(LiqPayApp app)
{
    private static int _next;

    private Scenario Scenario { get; } = new(app);

    public async Task<(HttpClient Customer, string Account, string Email)> CustomerWithDebtAsync(decimal debt = 500m)
    {
        var n = Interlocked.Increment(ref _next);
        var account = $"77{Environment.ProcessId % 10000:0000}{n:0000}";
        if ((await app.Admin().GetAsync("/api/v1/dsos/kyiv-city")).StatusCode != HttpStatusCode.OK)
        {
            await Scenario.RegisterDsoAsync();
        }

        await Scenario.PutAccountAsync(account, debt: debt);
        var email = $"payer-{account}@example.com";
        var customer = await new CustomerLogins(app).SignedInAsync(email);
        await LinkAsync(email, account);
        return (customer, account, email);
    }

    public Task LinkAsync(string email, string account) => app.InDatabaseAsync(async db =>
    {
        var loginId = db.Set<CustomerLogin>().Single(u => u.Email == email).Id;
        db.Add(AccountLink.Create(loginId, AccountNumber.Parse(account), true, app.Clock.GetCurrentInstant()));
        return await db.SaveChangesAsync();
    });

    public static async Task<CheckoutBody> CheckoutAsync(HttpClient customer, string account, decimal amount) =>
        await (await customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount, provider = "liqpay" }))
            .ReadAsync<CheckoutBody>(HttpStatusCode.Created);

    /// <summary>The customer posts the checkout form to the simulator, reads the page and presses a button; where it is sent back.</summary>
    public async Task<Uri?> PayAtSimulatorAsync(CheckoutBody checkout, string decision = "pay")
    {
        var browser = app.Browser();
        var page = await browser.PostAsync(checkout.Form!.Action,
            new FormUrlEncodedContent([new("data", checkout.Form.Data), new("signature", checkout.Form.Signature)]));
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Сплатити", html, StringComparison.Ordinal);
        Assert.Contains("Відхилити", html, StringComparison.Ordinal);
        var answer = await browser.PostAsync($"/simulators/liqpay/checkout/{checkout.OrderId}", new FormUrlEncodedContent([new("decision", decision)]));
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location;
    }

    /// <summary>A server callback as LiqPay signs it.</summary>
    public static FormUrlEncodedContent Callback(string orderId, string status, decimal amount, string privateKey = LiqPayApp.PrivateKey)
    {
        var data = LiqPayProtocol.Encode(new JsonObject
        {
            ["payment_id"] = 1234567,
            ["action"] = "pay",
            ["status"] = status,
            ["version"] = 3,
            ["type"] = "buy",
            ["public_key"] = LiqPayApp.PublicKey,
            ["order_id"] = orderId,
            ["amount"] = amount,
            ["currency"] = "UAH",
            ["end_date"] = 1764057600000,
        });
        return new FormUrlEncodedContent([new("data", data), new("signature", LiqPayProtocol.Sign(privateKey, data))]);
    }

    public Task<HttpResponseMessage> PostCallbackAsync(HttpContent form) => app.CreateClient().PostAsync("/api/v1/payments/liqpay/callback", form);

    public static async Task<string> StatusAsync(HttpClient customer, string orderId) =>
        (await (await customer.GetAsync($"/api/v1/me/payments/{orderId}")).ReadAsync<OnlinePaymentBody>(HttpStatusCode.OK)).Status;

    public async Task<decimal> DebtAsync(string account) =>
        (await (await app.Admin().GetAsync($"/api/v1/accounts/{account}")).ReadAsync<AccountBody>(HttpStatusCode.OK)).Debt;

    public Task<List<LedgerEntryKind>> EntriesAsync(string orderId) => app.InDatabaseAsync(db =>
        db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Channel == "liqpay" && e.Reference!.StartsWith(orderId)).Select(e => e.Kind).ToListAsync());

    /// <summary>Audit rows of the order, oldest first: the provider's status words as recorded.</summary>
    public Task<List<string>> AuditAsync(string orderId) => app.InDatabaseAsync(db =>
        db.Database.SqlQueryRaw<string>("""SELECT "ProviderStatus" AS "Value" FROM online_payment_events WHERE "PaymentId" = {0} ORDER BY "At", "ProviderStatus" """,
            Guid.Parse(orderId)).ToListAsync());
}

/// <summary>Issue 13, online checkout through LiqPay API v3 and its simulator, exactly once.</summary>
public abstract class LiqPayCheckoutTests(LiqPayApp app)
{
    private readonly OnlineCheckout _checkout = new(app);

    [Fact]
    public async Task Paying_ThroughTheSimulator_PostsThePayment_LowersTheDebt_AndEmailsTheCustomer()
    {
        var (customer, account, email) = await _checkout.CustomerWithDebtAsync(500m);

        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 200.50m);
        Assert.Equal("pending", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        var fields = LiqPayProtocol.Decode(checkout.Form!.Data)!;
        Assert.Equal(("3", LiqPayApp.PublicKey, "pay", "200.50", "UAH", checkout.OrderId), (fields.Text("version"), fields.Text("public_key"),
            fields.Text("action"), fields.Text("amount"), fields.Text("currency"), fields.Text("order_id")));
        Assert.Equal("https://vidnova.test/api/v1/payments/liqpay/callback", fields.Text("server_url"));
        Assert.Equal(LiqPayProtocol.Sign(LiqPayApp.PrivateKey, checkout.Form.Data), checkout.Form.Signature);
        Assert.StartsWith("https://vidnova.test/simulators/liqpay/api/3/checkout?data=", checkout.RedirectUrl, StringComparison.Ordinal);

        var back = await _checkout.PayAtSimulatorAsync(checkout);

        Assert.Equal(new Uri($"https://vidnova.test/cabinet/payments/{checkout.OrderId}"), back);
        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(299.50m, await _checkout.DebtAsync(account));
        Assert.Equal([LedgerEntryKind.Payment], await _checkout.EntriesAsync(checkout.OrderId));
        Assert.Equal(["checkout_started", "success"], await _checkout.AuditAsync(checkout.OrderId));
        var mail = await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Оплату зараховано", StringComparison.Ordinal), "confirming the payment");
        Assert.Contains("299,50", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_AtTheSimulator_PostsNothing()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 500m);

        await _checkout.PayAtSimulatorAsync(checkout, "decline");

        Assert.Equal("failed", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
        Assert.Empty(await _checkout.EntriesAsync(checkout.OrderId));
    }

    [Fact]
    public async Task AReversedPayment_PostsAReversal_TheDebtReturns_AndTheCustomerIsTold()
    {
        var (customer, account, email) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 500m);
        await _checkout.PayAtSimulatorAsync(checkout);
        Assert.Equal(0m, await _checkout.DebtAsync(account));

        // The shop refunds through LiqPay's API; LiqPay then calls back "reversed".
        var data = LiqPayProtocol.Encode(new JsonObject
        {
            ["version"] = 3,
            ["public_key"] = LiqPayApp.PublicKey,
            ["action"] = "refund",
            ["order_id"] = checkout.OrderId,
            ["amount"] = 500,
        });
        var refund = await app.CreateClient().PostAsync("/simulators/liqpay/api/request",
            new FormUrlEncodedContent([new("data", data), new("signature", LiqPayProtocol.Sign(LiqPayApp.PrivateKey, data))]));
        Assert.Contains("\"reversed\"", await refund.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal("reversed", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
        Assert.Equal([LedgerEntryKind.Payment, LedgerEntryKind.Reversal], (await _checkout.EntriesAsync(checkout.OrderId)).Order());
        await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Оплату повернуто", StringComparison.Ordinal), "about the reversal");
    }

    [Fact]
    public async Task AThousandCopiesOfOneCallbackAtOnce_PostOnePayment()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 120m);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ =>
            _checkout.PostCallbackAsync(OnlineCheckout.Callback(checkout.OrderId, "success", 120m))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal([LedgerEntryKind.Payment], await _checkout.EntriesAsync(checkout.OrderId));
        Assert.Equal(380m, await _checkout.DebtAsync(account));
        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
    }

    [Fact]
    public async Task AForgedOrUnsignedCallback_IsRefused_AndChangesNothing()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 500m);

        var forged = await _checkout.PostCallbackAsync(OnlineCheckout.Callback(checkout.OrderId, "success", 500m, privateKey: "someone-else"));
        var unsigned = await _checkout.PostCallbackAsync(new FormUrlEncodedContent([new("data", "eyJzdGF0dXMiOiJzdWNjZXNzIn0=")]));
        var empty = await _checkout.PostCallbackAsync(new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal("callback_signature_invalid", (await forged.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("callback_signature_missing", (await unsigned.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("callback_signature_missing", (await empty.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("pending", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(["checkout_started"], await _checkout.AuditAsync(checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
    }

    [Fact]
    public async Task StatusesOutOfOrder_NeverUnpostAPayment()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 100m);

        foreach (var status in new[] { "wait_accept", "success", "processing", "failure", "success" })
        {
            var answer = await _checkout.PostCallbackAsync(OnlineCheckout.Callback(checkout.OrderId, status, 100m));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal([LedgerEntryKind.Payment], await _checkout.EntriesAsync(checkout.OrderId));
        Assert.Equal(400m, await _checkout.DebtAsync(account));
        Assert.Equal(["checkout_started", "failure", "processing", "success", "wait_accept"], (await _checkout.AuditAsync(checkout.OrderId)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASandboxStatus_WhileSandboxIsOff_PostsNothing()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 100m);

        var answer = await _checkout.PostCallbackAsync(OnlineCheckout.Callback(checkout.OrderId, "sandbox", 100m));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("pending", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Empty(await _checkout.EntriesAsync(checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
    }

    [Fact]
    public async Task ACallbackWithAnotherAmount_PostsNothing()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 100m);

        var answer = await _checkout.PostCallbackAsync(OnlineCheckout.Callback(checkout.OrderId, "success", 1m));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("pending", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
    }

    [Fact]
    public async Task Checkout_OfAnAccountNotLinked_Is404_WithoutAToken401_AndMonoIsNotAvailableYet()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var (other, otherAccount, _) = await _checkout.CustomerWithDebtAsync(500m);

        var notLinked = await customer.PostAsJsonAsync($"/api/v1/me/accounts/{otherAccount}/checkout", new { amount = 10m, provider = "liqpay" });
        var nonsense = await customer.PostAsJsonAsync("/api/v1/me/accounts/abc/checkout", new { amount = 10m, provider = "liqpay" });
        var anonymous = await app.CreateClient().PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount = 10m, provider = "liqpay" });
        var mono = await customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount = 10m, provider = "mono" });
        var badAmount = await customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount = 10.001m, provider = "liqpay" });
        var tooMuch = await customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount = 10_000_000.01m, provider = "liqpay" });
        var unknownProvider = await customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount = 10m, provider = "paypal" });
        var othersOrder = await OnlineCheckout.CheckoutAsync(other, otherAccount, 10m);

        Assert.Equal("account_not_found", (await notLinked.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal("account_not_found", (await nonsense.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("provider_not_available", (await mono.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal(["amount"], (await badAmount.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal(["amount"], (await tooMuch.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal(["provider"], (await unknownProvider.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal("payment_not_found", (await (await customer.GetAsync($"/api/v1/me/payments/{othersOrder.OrderId}")).ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/me/payments/{othersOrder.OrderId}")).StatusCode);
    }
}

public sealed class LiqPayCheckoutOnSqlite(LiqPaySqliteApp app) : LiqPayCheckoutTests(app), IClassFixture<LiqPaySqliteApp>;

public sealed class LiqPayCheckoutOnPostgres(LiqPayPostgresApp app) : LiqPayCheckoutTests(app), IClassFixture<LiqPayPostgresApp>;

/// <summary>A callback lost on the way: the order left pending is asked about through LiqPay's status API and posted once.</summary>
public abstract class LiqPayStatusPollTests(LiqPayApp app)
{
    private readonly OnlineCheckout _checkout = new(app);

    [Fact]
    public async Task APendingPayment_IsPolledToSuccessThroughTheStatusApi()
    {
        var (customer, account, email) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await OnlineCheckout.CheckoutAsync(customer, account, 250m);
        await _checkout.PayAtSimulatorAsync(checkout);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("pending", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));

        app.Clock.Advance(NodaTime.Duration.FromMinutes(11));

        await Eventually.TrueAsync(async () => await OnlineCheckout.StatusAsync(customer, checkout.OrderId) == "posted", TimeSpan.FromSeconds(15),
            () => "the order was not posted by the poller");
        Assert.Equal(250m, await _checkout.DebtAsync(account));
        Assert.Equal(["checkout_started", "success"], await _checkout.AuditAsync(checkout.OrderId));
        await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Оплату зараховано", StringComparison.Ordinal), "confirming the polled payment");
    }
}

public sealed class LiqPayStatusPollOnSqlite(LostCallbacksSqliteApp app) : LiqPayStatusPollTests(app), IClassFixture<LostCallbacksSqliteApp>;

public sealed class LiqPayStatusPollOnPostgres(LostCallbacksPostgresApp app) : LiqPayStatusPollTests(app), IClassFixture<LostCallbacksPostgresApp>;
