using System.Net;
using System.Net.Sockets;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;
using Vidnova.Tests.Payments;

namespace Vidnova.Tests.Browser;

/// <summary>
/// A real host on a loopback port with LiqPay and mono pointed at their simulators in it, as in the demo: the port is
/// chosen before the host starts, because the providers' addresses and the public base URL are configuration.
/// </summary>
public sealed class CheckoutBrowserApp(int port) : VidnovaApp(DatabaseProvider.Sqlite)
{
    public int Port { get; } = port;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            // The public base stays the tests' (the confirmation links are read by it); the providers reach this host.
            ["Payments:Online:ResultUrl"] = BaseUrl + "/cabinet/payments/{orderId}",
            ["Payments:Online:CallbackBaseUrl"] = BaseUrl,
            ["Payments:LiqPay:PublicKey"] = LiqPayApp.PublicKey,
            ["Payments:LiqPay:PrivateKey"] = LiqPayApp.PrivateKey,
            ["Payments:LiqPay:CheckoutUrl"] = $"{BaseUrl}/simulators/liqpay/api/3/checkout",
            ["Payments:LiqPay:ApiUrl"] = $"{BaseUrl}/simulators/liqpay/api/request",
            ["Payments:Mono:Token"] = MonoApp.Token,
            ["Payments:Mono:ApiUrl"] = $"{BaseUrl}/simulators/mono",
            ["Demo:LiqPaySimulator:Enabled"] = "true",
            ["Demo:LiqPaySimulator:PublicKey"] = LiqPayApp.PublicKey,
            ["Demo:LiqPaySimulator:PrivateKey"] = LiqPayApp.PrivateKey,
            ["Demo:MonoSimulator:Enabled"] = "true",
            ["Demo:MonoSimulator:Token"] = MonoApp.Token,
        })
        {
            builder.UseSetting(key, value);
        }
    }
}

public sealed class CheckoutBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public CheckoutBrowserApp App { get; } = new(FreePort());

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, App.Port));
        App.StartServer();
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "uk-UA",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A loopback port free now, for the host to listen on.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Issue 13 from the customer's side: the cabinet's «Сплатити» on a phone, through the LiqPay simulator, back to the outcome.</summary>
public sealed class CabinetPaymentBrowserTests(CheckoutBrowserFixture browser) : IClassFixture<CheckoutBrowserFixture>
{
    private readonly Scenario _scenario = new(browser.App);

    [Fact]
    public async Task OnAPhone_ACustomerPaysTheDebtThroughLiqPay_SeesItPosted_AndIsOfferedRestoration()
    {
        const string email = "pay-phone@example.com";
        const string account = "6400000001";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account, debt: 734.20m);
        var customers = new CabinetCustomers(browser.App);
        await new CustomerLogins(browser.App).SignedInAsync(email);
        await customers.LinkAsync(await customers.LoginIdAsync(email), account);
        var page = await browser.NewPhonePageAsync();
        var signIn = await page.Context.APIRequest.PostAsync("/api/v1/identity/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email, password = CustomerLogins.Password } });
        Assert.Equal(200, signIn.Status);

        await page.GotoAsync($"/cabinet/accounts/{account}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Сплатити борг" }).ClickAsync();
        var pay = page.Locator("#pay");
        await Assertions.Expect(pay.GetByRole(AriaRole.Heading, new() { Name = "Сплатити онлайн" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Сума, грн")).ToHaveValueAsync("734,20");
        await Assertions.Expect(page.GetByLabel("LiqPay")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("plata by mono")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The account page scrolls sideways at 390 px");
        await AssertAccessibleAsync(page);
        await pay.ScreenshotAsync(new LocatorScreenshotOptions { Path = "/tmp/mono-checkout-cabinet-pay.png" });

        await pay.GetByRole(AriaRole.Button, new() { Name = "Сплатити" }).ClickAsync();

        // The hand-over page posts LiqPay's signed form by itself: the simulator's checkout shows the amount.
        await page.WaitForURLAsync("**/simulators/liqpay/api/3/checkout", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#amount")).ToContainTextAsync("734,20 UAH");
        await Assertions.Expect(page.Locator("#description")).ToContainTextAsync(account);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/mono-checkout-liqpay.png", FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Сплатити" }).ClickAsync();

        await page.WaitForURLAsync("**/cabinet/payments/*", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#payment-status")).ToHaveTextAsync("Оплату зараховано");
        await Assertions.Expect(page.Locator("#payment-debt")).ToContainTextAsync("0,00");
        await Assertions.Expect(page.Locator("#payment-result")).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(page.Locator("#restoration-opens")).ToContainTextAsync("Тепер можна подати заяву на відновлення");
        await Assertions.Expect(page.Locator("#restoration-opens").GetByRole(AriaRole.Link, new() { Name = "Подати заяву на відновлення" }))
            .ToHaveAttributeAsync("href", $"/cabinet/accounts/{account}/restoration");
        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/mono-checkout-return.png", FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Назад до рахунку", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("dl.requisites")).ToContainTextAsync("0,00");
        await Assertions.Expect(page.Locator("table.ledger")).ToContainTextAsync("734,20");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/mono-checkout-account-after.png", FullPage = true });
    }

    [Fact]
    public async Task OnAPhone_ACustomerPaysPartThroughMono_AndTheReturnPageShowsItPosted()
    {
        const string email = "pay-mono-phone@example.com";
        const string account = "6400000002";
        await _scenario.RegisterDsoAsync();
        await _scenario.PutAccountAsync(account, debt: 500m);
        var customers = new CabinetCustomers(browser.App);
        await new CustomerLogins(browser.App).SignedInAsync(email);
        await customers.LinkAsync(await customers.LoginIdAsync(email), account);
        var page = await browser.NewPhonePageAsync();
        var signIn = await page.Context.APIRequest.PostAsync("/api/v1/identity/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email, password = CustomerLogins.Password } });
        Assert.Equal(200, signIn.Status);

        await page.GotoAsync($"/cabinet/accounts/{account}#pay");
        await page.GetByLabel("Сума, грн").FillAsync("120,50");
        await page.GetByLabel("plata by mono").CheckAsync();
        await page.Locator("#pay").GetByRole(AriaRole.Button, new() { Name = "Сплатити" }).ClickAsync();

        await page.WaitForURLAsync("**/simulators/mono/pay/*", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#amount")).ToContainTextAsync("120,50 грн");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/mono-checkout-mono.png", FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Сплатити" }).ClickAsync();

        await page.WaitForURLAsync("**/cabinet/payments/*", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#payment-status")).ToHaveTextAsync("Оплату зараховано");
        await Assertions.Expect(page.Locator("#payment-debt")).ToContainTextAsync("379,50");
        await Assertions.Expect(page.Locator("#restoration-opens")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
    }

    /// <summary>No serious or critical axe-core violation on the page as it is now.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
