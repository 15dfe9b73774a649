using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Vidnova.Payments.Online.Mono;

namespace Vidnova.Demo;

/// <summary>
/// The Plata by mono simulator inside the host (<c>Demo:MonoSimulator:Enabled</c>, on in Development), under
/// <see cref="BasePath"/>: <c>…/api/merchant/…</c> is the acquiring API that <c>Payments:Mono:ApiUrl</c> points at in
/// the demo and <c>…/pay/{invoiceId}</c> the payment page. Vidnova's mono client is the same code against it as against mono.
/// </summary>
public static class DemoMonoSimulator
{
    public const string BasePath = "/simulators/mono";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{MonoSimulatorOptions.Section}:Enabled");

    public static IServiceCollection AddDemoMonoSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            services.Configure<MonoSimulatorOptions>(configuration.GetSection(MonoSimulatorOptions.Section));
            services.AddSingleton<SimulatedMono>();
            services.AddHttpClient(SimulatedMono.WebhookClient);
        }

        return services;
    }

    public static WebApplication MapDemoMonoSimulator(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        if (!app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("The mono simulator is switched on outside Development ({Section}:Enabled)", MonoSimulatorOptions.Section);
        }

        var simulator = app.MapGroup(BasePath).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        var api = simulator.MapGroup("/api/merchant");
        api.MapPost("/invoice/create", async (HttpRequest request, SimulatedMono mono, CancellationToken cancellationToken) =>
        {
            if (!mono.IsAuthorized(request.Headers[MonoProtocol.TokenHeader]))
            {
                return Forbidden();
            }

            JsonObject? body;
            try
            {
                body = await request.ReadFromJsonAsync<JsonObject>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }

            return mono.Create(body) is { } invoice
                ? Results.Json(new { invoiceId = invoice.InvoiceId, pageUrl = $"{request.Scheme}://{request.Host}{BasePath}/pay/{invoice.InvoiceId}" })
                : Results.Json(new { errCode = "BAD_REQUEST", errText = "amount (kopiyky) and ccy 980 are required" }, statusCode: StatusCodes.Status400BadRequest);
        });
        api.MapGet("/invoice/status", (HttpRequest request, string? invoiceId, SimulatedMono mono) =>
        {
            if (!mono.IsAuthorized(request.Headers[MonoProtocol.TokenHeader]))
            {
                return Forbidden();
            }

            return invoiceId is not null && mono.Find(invoiceId) is { } invoice
                ? Results.Json(SimulatedMono.Fields(invoice))
                : Results.Json(new { errCode = "NOT_FOUND", errText = "invoice not found" }, statusCode: StatusCodes.Status404NotFound);
        });
        api.MapPost("/invoice/cancel", async (HttpRequest request, SimulatedMono mono, CancellationToken cancellationToken) =>
        {
            if (!mono.IsAuthorized(request.Headers[MonoProtocol.TokenHeader]))
            {
                return Forbidden();
            }

            var body = await request.ReadFromJsonAsync<JsonObject>(cancellationToken);
            if (body?.Text("invoiceId") is not { } invoiceId || mono.Find(invoiceId) is not { } invoice)
            {
                return Results.Json(new { errCode = "NOT_FOUND", errText = "invoice not found" }, statusCode: StatusCodes.Status404NotFound);
            }

            return await mono.CancelAsync(invoice, cancellationToken)
                ? Results.Json(new { status = "success", createdDate = DateTimeOffset.UtcNow, modifiedDate = DateTimeOffset.UtcNow })
                : Results.Json(new { errCode = "BAD_REQUEST", errText = "only a paid invoice can be cancelled" }, statusCode: StatusCodes.Status400BadRequest);
        });
        api.MapGet("/pubkey", (HttpRequest request, SimulatedMono mono) =>
            mono.IsAuthorized(request.Headers[MonoProtocol.TokenHeader]) ? Results.Json(new { key = mono.PublicKey() }) : Forbidden());

        simulator.MapGet("/pay/{invoiceId}", (string invoiceId, SimulatedMono mono) => mono.Find(invoiceId) is { } invoice
            ? Page("plata by mono · оплата", PaymentPage(invoice))
            : Page("plata by mono · помилка", "<h1>Рахунок не знайдено</h1>", StatusCodes.Status404NotFound));
        simulator.MapPost("/pay/{invoiceId}", async (string invoiceId, HttpRequest request, SimulatedMono mono, CancellationToken cancellationToken) =>
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (mono.Find(invoiceId) is not { Status: "created" } invoice || form["decision"].ToString() is not ("pay" or "decline"))
            {
                return Page("plata by mono · помилка", "<h1>Рахунок не знайдено або вже оплачено</h1>", StatusCodes.Status400BadRequest);
            }

            await mono.DecideAsync(invoice, form["decision"] == "pay", cancellationToken);
            return invoice.RedirectUrl is { } back ? Results.Redirect(back) : Page("plata by mono", "<h1>Готово</h1>");
        });
        simulator.MapPost("/rotate-key", (SimulatedMono mono) =>
        {
            mono.RotateKey();
            return Results.NoContent();
        });
        simulator.MapGet("/stats", (SimulatedMono mono) => Results.Ok(mono.Stats()));
        return app;
    }

    private static IResult Forbidden() =>
        Results.Json(new { errCode = "FORBIDDEN", errText = "forbidden" }, statusCode: StatusCodes.Status403Forbidden);

    private static string PaymentPage(SimulatedMono.Invoice invoice)
    {
        var html = HtmlEncoder.Default;
        var amount = (invoice.Amount / 100m).ToString("#,0.00", CultureInfo.GetCultureInfo("uk-UA"));
        var action = html.Encode($"{BasePath}/pay/{Uri.EscapeDataString(invoice.InvoiceId)}");
        return $"""
            <h1>Оплата карткою</h1>
            <p class="lead">Симулятор plata by mono: гроші не списуються.</p>
            <dl>
              <dt>Сума</dt><dd id="amount">{html.Encode(amount)} грн</dd>
              <dt>Призначення</dt><dd id="description">{html.Encode(invoice.Destination)}</dd>
              <dt>Рахунок</dt><dd>{html.Encode(invoice.InvoiceId)}</dd>
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
