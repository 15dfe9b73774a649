using Vidnova.Demo;
using Vidnova.Dso;

// A DSO that speaks docs/dso-protocol.md: receives Vidnova's signed webhook, verifies it, answers 2xx, and later calls
// back "received" then "completed", signed with the same secret. Switches in SimulatorOptions inject failures.
var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<SimulatorOptions>(builder.Configuration.GetSection(SimulatorOptions.Section));
builder.Services.AddSingleton<SimulatedDso>();
builder.Services.AddHttpClient(SimulatedDso.CallbackClient);
var app = builder.Build();

app.MapPost("/webhook", async (HttpRequest request, SimulatedDso dso, CancellationToken cancellationToken) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer, cancellationToken);
    var status = await dso.ReceiveAsync(request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString(),
        request.Headers[WebhookSignature.TimestampHeader].ToString(), request.Headers[WebhookSignature.SignatureHeader].ToString(),
        buffer.ToArray(), cancellationToken);
    return Results.StatusCode(status);
});
app.MapGet("/stats", (SimulatedDso dso) => Results.Ok(dso.Stats()));
app.MapGet("/", () => Results.Text("Vidnova DSO simulator: POST /webhook, GET /stats"));
await app.RunAsync();
