using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidnova.Demo;
using Vidnova.Ledger;
using Vidnova.Payments.Online.Mono;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Payments;

/// <summary>
/// The host with Plata by mono pointed at the mono simulator inside it (besides LiqPay at its own), Vidnova's mono
/// client and the simulator's webhooks going through the test server: real HTTP handling with the real client code.
/// </summary>
public class MonoApp : LiqPayApp
{
    public const string Token = "mono-test-token";

    public MonoApp(DatabaseProvider provider)
        : base(provider) => Settings = new Dictionary<string, string?>(Settings)
        {
            ["Payments:Mono:Token"] = Token,
            ["Payments:Mono:ApiUrl"] = "https://vidnova.test/simulators/mono",
            // Every failed verification may fetch the key again, so the rotation test need not wait.
            ["Payments:Mono:PublicKeyRefetchSeconds"] = "0",
            ["Demo:MonoSimulator:Enabled"] = "true",
            ["Demo:MonoSimulator:Token"] = Token,
        };

    public SimulatedMono Mono => Services.GetRequiredService<SimulatedMono>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            foreach (var name in new[] { MonoProvider.HttpClientName, SimulatedMono.WebhookClient })
            {
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
            }
        });
    }
}

public sealed class MonoSqliteApp() : MonoApp(DatabaseProvider.Sqlite);

/// <summary>The simulator at its worst: a forged copy first, then 20 copies of each webhook at once, the outcome before the earlier processing.</summary>
public class DisorderlyMonoApp : MonoApp
{
    public DisorderlyMonoApp(DatabaseProvider provider)
        : base(provider) => Settings = new Dictionary<string, string?>(Settings)
        {
            ["Demo:MonoSimulator:WebhookCopies"] = "20",
            ["Demo:MonoSimulator:ForgedWebhookFirst"] = "true",
            ["Demo:MonoSimulator:OutOfOrder"] = "true",
        };
}

public sealed class DisorderlyMonoSqliteApp() : DisorderlyMonoApp(DatabaseProvider.Sqlite);

public sealed class DisorderlyMonoPostgresApp() : DisorderlyMonoApp(DatabaseProvider.Postgres);

public sealed class MonoPostgresApp() : MonoApp(DatabaseProvider.Postgres);

/// <summary>Issue 13, online checkout through Plata by mono and its simulator: signed webhooks, exactly once, in any order.</summary>
public abstract class MonoCheckoutTests(MonoApp app)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly OnlineCheckout _checkout = new(app);

    private static async Task<CheckoutBody> CheckoutAsync(HttpClient customer, string account, decimal amount) =>
        await (await customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount, provider = "mono" }))
            .ReadAsync<CheckoutBody>(HttpStatusCode.Created);

    private SimulatedMono.Invoice InvoiceOf(CheckoutBody checkout) =>
        app.Mono.Find(checkout.RedirectUrl[(checkout.RedirectUrl.LastIndexOf('/') + 1)..]) ?? throw new InvalidOperationException("no invoice");

    /// <summary>The customer opens the invoice's page, reads it and presses a button; where mono sends them back.</summary>
    private async Task<Uri?> PayAtSimulatorAsync(CheckoutBody checkout, string decision = "pay")
    {
        var browser = app.Browser();
        var page = await browser.GetAsync(checkout.RedirectUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Сплатити", html, StringComparison.Ordinal);
        Assert.Contains("Відхилити", html, StringComparison.Ordinal);
        var answer = await browser.PostAsync(new Uri(checkout.RedirectUrl).AbsolutePath, new FormUrlEncodedContent([new("decision", decision)]));
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location;
    }

    /// <summary>A webhook body as mono sends it: the invoice's fields at one status.</summary>
    private static byte[] Webhook(SimulatedMono.Invoice invoice, string status, DateTimeOffset modified, long? amount = null) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["invoiceId"] = invoice.InvoiceId,
            ["status"] = status,
            ["amount"] = amount ?? invoice.Amount,
            ["ccy"] = 980,
            ["finalAmount"] = status == "success" ? amount ?? invoice.Amount : 0,
            ["createdDate"] = T0.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["modifiedDate"] = modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["reference"] = invoice.Reference,
            ["destination"] = invoice.Destination,
        }.ToJsonString());

    private Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/mono/webhook") { Content = content };
        if (signature is not null)
        {
            request.Headers.Add("X-Sign", signature);
        }

        return app.CreateClient().SendAsync(request);
    }

    private Task<HttpResponseMessage> PostSignedAsync(byte[] body) => PostWebhookAsync(body, app.Mono.Sign(body));

    private Task<List<LedgerEntryKind>> EntriesAsync(string orderId) => app.InDatabaseAsync(db =>
        db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Channel == "mono" && e.Reference!.StartsWith(orderId)).Select(e => e.Kind).ToListAsync());

    [Fact]
    public async Task Paying_ThroughTheMonoSimulator_CreatesAnInvoiceInKopiyky_PostsThePayment_AndEmailsTheCustomer()
    {
        var (customer, account, email) = await _checkout.CustomerWithDebtAsync(500m);

        var checkout = await CheckoutAsync(customer, account, 200.50m);

        Assert.Null(checkout.Form);
        Assert.StartsWith("https://vidnova.test/simulators/mono/pay/", checkout.RedirectUrl, StringComparison.Ordinal);
        var invoice = InvoiceOf(checkout);
        Assert.Equal((20050L, checkout.OrderId, "https://vidnova.test/api/v1/payments/mono/webhook", $"https://vidnova.test/cabinet/payments/{checkout.OrderId}"),
            (invoice.Amount, invoice.Reference, invoice.WebHookUrl, invoice.RedirectUrl));
        Assert.Contains(account, invoice.Destination, StringComparison.Ordinal);
        Assert.Equal("pending", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));

        var back = await PayAtSimulatorAsync(checkout);

        Assert.Equal(new Uri($"https://vidnova.test/cabinet/payments/{checkout.OrderId}"), back);
        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(299.50m, await _checkout.DebtAsync(account));
        Assert.Equal([LedgerEntryKind.Payment], await EntriesAsync(checkout.OrderId));
        Assert.Equal(["checkout_started", "processing", "success"], await _checkout.AuditAsync(checkout.OrderId));
        var mail = await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Оплату зараховано", StringComparison.Ordinal), "confirming the payment");
        Assert.Contains("299,50", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("заяву на відновлення", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_AtTheMonoSimulator_PostsNothing()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await CheckoutAsync(customer, account, 500m);

        await PayAtSimulatorAsync(checkout, "decline");

        Assert.Equal("failed", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
        Assert.Empty(await EntriesAsync(checkout.OrderId));
    }

    [Fact]
    public async Task AReversedInvoice_PostsAReversal_TheDebtReturns_AndTheCustomerIsTold()
    {
        var (customer, account, email) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await CheckoutAsync(customer, account, 500m);
        await PayAtSimulatorAsync(checkout);
        Assert.Equal(0m, await _checkout.DebtAsync(account));
        // The debt of an account cut off for it is cleared: the confirmation offers the restoration application.
        var posted = await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Оплату зараховано", StringComparison.Ordinal), "confirming the payment");
        Assert.Contains("Тепер можна подати заяву на відновлення", posted.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/cabinet/accounts/{account}/restoration", posted.TextBody, StringComparison.Ordinal);

        // The merchant cancels the paid invoice through mono's API; mono then posts "reversed".
        var cancel = new HttpRequestMessage(HttpMethod.Post, "/simulators/mono/api/merchant/invoice/cancel")
        {
            Content = JsonContent.Create(new { invoiceId = InvoiceOf(checkout).InvoiceId }),
        };
        cancel.Headers.Add("X-Token", MonoApp.Token);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(cancel)).StatusCode);

        Assert.Equal("reversed", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
        Assert.Equal([LedgerEntryKind.Payment, LedgerEntryKind.Reversal], (await EntriesAsync(checkout.OrderId)).Order());
        await app.Mail.WaitForAsync(m => m.To == email && m.Subject.Contains("Оплату повернуто", StringComparison.Ordinal), "about the reversal");
    }

    [Fact]
    public async Task AThousandCopiesOfOneWebhookAtOnce_PostOnePayment()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await CheckoutAsync(customer, account, 120m);
        var body = Webhook(InvoiceOf(checkout), "success", T0.AddMinutes(1));

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => PostSignedAsync(body)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal([LedgerEntryKind.Payment], await EntriesAsync(checkout.OrderId));
        Assert.Equal(380m, await _checkout.DebtAsync(account));
        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(["checkout_started", "success"], await _checkout.AuditAsync(checkout.OrderId));
    }

    [Fact]
    public async Task AForgedOrUnsignedWebhook_IsRefused_AndChangesNothing()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await CheckoutAsync(customer, account, 500m);
        var body = Webhook(InvoiceOf(checkout), "success", T0.AddMinutes(1));
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var forged = await PostWebhookAsync(body, MonoProtocol.Sign(forger, body));
        var tampered = await PostWebhookAsync(Webhook(InvoiceOf(checkout), "success", T0.AddMinutes(1), amount: 1), app.Mono.Sign(body));
        var garbage = await PostWebhookAsync(body, "not base64!");
        var unsigned = await PostWebhookAsync(body, null);
        var empty = await PostWebhookAsync([], app.Mono.Sign([]));

        Assert.Equal("callback_signature_invalid", (await forged.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("callback_signature_invalid", (await tampered.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("callback_signature_invalid", (await garbage.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("callback_signature_missing", (await unsigned.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("callback_signature_missing", (await empty.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("pending", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(["checkout_started"], await _checkout.AuditAsync(checkout.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
    }

    [Fact]
    public async Task StatusesOutOfOrder_AnOlderOneNeverOverridesANewer()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var paid = await CheckoutAsync(customer, account, 100m);
        var invoice = InvoiceOf(paid);

        // success, then the processing that came before it, then the reversal, then a late repeat of success.
        foreach (var (status, minute, then) in new[] { ("success", 2, "posted"), ("processing", 1, "posted"), ("reversed", 3, "reversed"), ("success", 2, "reversed") })
        {
            Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(Webhook(invoice, status, T0.AddMinutes(minute)))).StatusCode);
            Assert.Equal(then, await OnlineCheckout.StatusAsync(customer, paid.OrderId));
        }

        Assert.Equal([LedgerEntryKind.Payment, LedgerEntryKind.Reversal], (await EntriesAsync(paid.OrderId)).Order());
        Assert.Equal(500m, await _checkout.DebtAsync(account));

        // A failure dated after a success that arrives late: the older success does not post.
        var failed = await CheckoutAsync(customer, account, 100m);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(Webhook(InvoiceOf(failed), "failure", T0.AddMinutes(5)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(Webhook(InvoiceOf(failed), "success", T0.AddMinutes(4)))).StatusCode);

        Assert.Equal("failed", await OnlineCheckout.StatusAsync(customer, failed.OrderId));
        Assert.Empty(await EntriesAsync(failed.OrderId));
        Assert.Equal(500m, await _checkout.DebtAsync(account));
        Assert.Equal(["checkout_started", "failure", "success"], (await _checkout.AuditAsync(failed.OrderId)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARotatedKey_IsFetchedAgainOnce_AndTheWebhookPosts()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var first = await CheckoutAsync(customer, account, 10m);
        await PayAtSimulatorAsync(first);
        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, first.OrderId));

        await app.CreateClient().PostAsync("/simulators/mono/rotate-key", null);
        var second = await CheckoutAsync(customer, account, 20m);
        await PayAtSimulatorAsync(second);

        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, second.OrderId));
        Assert.Equal(470m, await _checkout.DebtAsync(account));
    }

    [Fact]
    public async Task APendingInvoice_IsPolledToSuccessThroughTheStatusApi()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await CheckoutAsync(customer, account, 250m);

        // Paid at mono, but its webhook never arrives.
        InvoiceOf(checkout).Move("success");
        app.Clock.Advance(NodaTime.Duration.FromMinutes(11));

        await Eventually.TrueAsync(async () => await OnlineCheckout.StatusAsync(customer, checkout.OrderId) == "posted", TimeSpan.FromSeconds(15),
            () => "the order was not posted by the poller");
        Assert.Equal(250m, await _checkout.DebtAsync(account));
        Assert.Equal([LedgerEntryKind.Payment], await EntriesAsync(checkout.OrderId));
    }
}

public sealed class MonoCheckoutOnSqlite(MonoSqliteApp app) : MonoCheckoutTests(app), IClassFixture<MonoSqliteApp>;

public sealed class MonoCheckoutOnPostgres(MonoPostgresApp app) : MonoCheckoutTests(app), IClassFixture<MonoPostgresApp>;

/// <summary>The simulator's own delivery switches end to end: forged, duplicated and reordered webhooks still post once.</summary>
public abstract class DisorderlyMonoTests(MonoApp app)
{
    private readonly OnlineCheckout _checkout = new(app);

    [Fact]
    public async Task ForgedDuplicatedAndReorderedWebhooks_PostThePaymentOnce()
    {
        var (customer, account, _) = await _checkout.CustomerWithDebtAsync(500m);
        var checkout = await (await customer.PostAsJsonAsync($"/api/v1/me/accounts/{account}/checkout", new { amount = 150m, provider = "mono" }))
            .ReadAsync<CheckoutBody>(HttpStatusCode.Created);
        var browser = app.Browser();
        var answer = await browser.PostAsync(new Uri(checkout.RedirectUrl).AbsolutePath, new FormUrlEncodedContent([new("decision", "pay")]));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        Assert.Equal("posted", await OnlineCheckout.StatusAsync(customer, checkout.OrderId));
        Assert.Equal(350m, await _checkout.DebtAsync(account));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Channel == "mono" && e.Reference == checkout.OrderId)));
        // success arrived first; the older processing that followed is recorded and changed nothing.
        Assert.Equal(["checkout_started", "processing", "success"], (await _checkout.AuditAsync(checkout.OrderId)).Order(StringComparer.Ordinal));
        var note = await app.InDatabaseAsync(db => db.Database.SqlQueryRaw<string>(
            """SELECT "Note" AS "Value" FROM online_payment_events WHERE "PaymentId" = {0} AND "ProviderStatus" = 'processing'""", Guid.Parse(checkout.OrderId)).SingleAsync());
        Assert.Contains("before the status applied last", note, StringComparison.Ordinal);
    }
}

public sealed class DisorderlyMonoOnSqlite(DisorderlyMonoSqliteApp app) : DisorderlyMonoTests(app), IClassFixture<DisorderlyMonoSqliteApp>;

public sealed class DisorderlyMonoOnPostgres(DisorderlyMonoPostgresApp app) : DisorderlyMonoTests(app), IClassFixture<DisorderlyMonoPostgresApp>;
