using System.Globalization;
using System.Text.Encodings.Web;

namespace Vidnova.Demo;

/// <summary>
/// The LiqPay simulator inside the host (<c>Demo:LiqPaySimulator:Enabled</c>, on in Development), under
/// <see cref="BasePath"/>: <c>…/api/3/checkout</c> is the checkout page and <c>…/api/request</c> the server API, the
/// two addresses <c>Payments:LiqPay:CheckoutUrl</c> and <c>ApiUrl</c> point at in the demo. Vidnova's LiqPay client
/// is the same code against it as against LiqPay.
/// </summary>
public static class DemoLiqPaySimulator
{
    public const string BasePath = "/simulators/liqpay";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{LiqPaySimulatorOptions.Section}:Enabled");

    public static IServiceCollection AddDemoLiqPaySimulator(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            services.Configure<LiqPaySimulatorOptions>(configuration.GetSection(LiqPaySimulatorOptions.Section));
            services.AddSingleton<SimulatedLiqPay>();
            services.AddHttpClient(SimulatedLiqPay.CallbackClient);
        }

        return services;
    }

    public static WebApplication MapDemoLiqPaySimulator(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        if (!app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("The LiqPay simulator is switched on outside Development ({Section}:Enabled)", LiqPaySimulatorOptions.Section);
        }

        var simulator = app.MapGroup(BasePath).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        simulator.MapMethods("/api/3/checkout", ["GET", "POST"], async (HttpRequest request, SimulatedLiqPay liqPay, CancellationToken cancellationToken) =>
        {
            var (data, signature) = await EnvelopeOfAsync(request, cancellationToken);
            return liqPay.Open(data, signature) is { } order
                ? Page("LiqPay · оплата", CheckoutPage(order))
                : Page("LiqPay · помилка", "<h1>Невірний запит</h1><p>Підпис (signature) не відповідає даним (data) або дані неповні.</p>", StatusCodes.Status400BadRequest);
        });
        simulator.MapPost("/checkout/{orderId}", async (string orderId, HttpRequest request, SimulatedLiqPay liqPay, CancellationToken cancellationToken) =>
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (liqPay.Find(orderId) is not { } order || form["decision"].ToString() is not ("pay" or "decline") || order.Status is not null)
            {
                return Page("LiqPay · помилка", "<h1>Замовлення не знайдено або вже оплачено</h1>", StatusCodes.Status400BadRequest);
            }

            await liqPay.DecideAsync(order, form["decision"] == "pay", cancellationToken);
            return order.ResultUrl is { } back ? Results.Redirect(back) : Page("LiqPay", "<h1>Готово</h1>");
        });
        simulator.MapPost("/api/request", async (HttpRequest request, SimulatedLiqPay liqPay, CancellationToken cancellationToken) =>
        {
            var (data, signature) = await EnvelopeOfAsync(request, cancellationToken);
            return Results.Json(await liqPay.RequestAsync(data, signature, cancellationToken));
        });
        simulator.MapGet("/stats", (SimulatedLiqPay liqPay) => Results.Ok(liqPay.Stats()));
        return app;
    }

    private static async Task<(string? Data, string? Signature)> EnvelopeOfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return (form["data"].ToString(), form["signature"].ToString());
        }

        return (request.Query["data"].ToString(), request.Query["signature"].ToString());
    }

    private static string CheckoutPage(SimulatedLiqPay.Order order)
    {
        var html = HtmlEncoder.Default;
        var amount = order.Amount.ToString("#,0.00", CultureInfo.GetCultureInfo("uk-UA"));
        var action = html.Encode($"{BasePath}/checkout/{Uri.EscapeDataString(order.OrderId)}");
        return $"""
            <h1>Оплата карткою</h1>
            <p class="lead">Симулятор LiqPay: гроші не списуються.</p>
            <dl>
              <dt>Сума</dt><dd id="amount">{html.Encode(amount)} {html.Encode(order.Currency)}</dd>
              <dt>Призначення</dt><dd id="description">{html.Encode(order.Description)}</dd>
              <dt>Замовлення</dt><dd>{html.Encode(order.OrderId)}</dd>
            </dl>
            <form method="post" action="{action}"><input type="hidden" name="decision" value="pay"><button type="submit" class="btn btn-primary">Сплатити</button></form>
            <form method="post" action="{action}"><input type="hidden" name="decision" value="decline"><button type="submit" class="btn">Відхилити</button></form>
            """;
    }

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="uk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{HtmlEncoder.Default.Encode(title)}</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="container">{body}</main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
