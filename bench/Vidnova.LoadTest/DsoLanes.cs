using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Vidnova.LoadTest;

/// <summary>
/// <c>--mode dso-lanes</c>: two webhook DSOs served by this tool on 127.0.0.1, one answering at once and one that
/// never answers (Vidnova gives up after its HTTP timeout). Applications of both are made ready (receipt uploaded),
/// then approved one every <c>--approve-every</c> ms, alternating between the DSOs, and for the healthy DSO's
/// requests the time from the approval's response to the first delivery attempt reaching its endpoint is measured
/// (one clock: this process's). A hanging DSO that held up the others would show here as seconds.
/// </summary>
public sealed partial class DsoLanes(HttpClient http, LoadTestOptions options, TextWriter log)
{
    private const string HealthyDso = "bench-well";
    private const string HangingDso = "bench-hang";
    private const string Secret = "bench-lanes-secret-0123456789";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly byte[] Receipt = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private readonly ConcurrentDictionary<string, long> _firstAttempt = new();
    private readonly ConcurrentBag<HttpListenerContext> _hung = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var healthy = Listen(out var healthyUrl);
        using var hanging = Listen(out var hangingUrl);
        _ = ServeAsync(healthy, hang: false);
        _ = ServeAsync(hanging, hang: true);
        await RegisterAsync(HealthyDso, healthyUrl, cancellationToken);
        await RegisterAsync(HangingDso, hangingUrl, cancellationToken);

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Preparing {options.Applications} applications, alternately for {HealthyDso} and {HangingDso}…"));
        var ready = new List<(string Number, Guid Id, string Dso)>();
        for (var index = 1; index <= options.Applications; index++)
        {
            var dso = index % 2 == 0 ? HealthyDso : HangingDso;
            var (number, id) = await PrepareAsync(index, dso, cancellationToken);
            ready.Add((number, id, dso));
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Approving one every {options.ApproveEveryMilliseconds} ms…"));
        var approvedAt = new Dictionary<string, long>();
        foreach (var (number, id, dso) in ready)
        {
            await SendAsync(Admin(HttpMethod.Post, $"api/v1/restoration-applications/{id}/receipt-decision", new { approve = true }), cancellationToken);
            if (dso == HealthyDso)
            {
                approvedAt[number] = Stopwatch.GetTimestamp();
            }

            await Task.Delay(options.ApproveEveryMilliseconds, cancellationToken);
        }

        var giveUpAt = DateTime.UtcNow.AddSeconds(options.TimeoutSeconds);
        while (approvedAt.Keys.Any(n => !_firstAttempt.ContainsKey(n)) && DateTime.UtcNow < giveUpAt)
        {
            await Task.Delay(50, cancellationToken);
        }

        var missing = approvedAt.Keys.Count(n => !_firstAttempt.ContainsKey(n));
        var ticks = approvedAt.Where(a => _firstAttempt.ContainsKey(a.Key)).Select(a => Math.Max(0, _firstAttempt[a.Key] - a.Value)).Order().ToArray();
        foreach (var context in _hung)
        {
            context.Response.Abort();
        }

        var summary = LatencySummary.Of(ticks);
        var c = CultureInfo.InvariantCulture;
        log.WriteLine();
        log.WriteLine(string.Create(c, $"approval → first delivery attempt at the healthy DSO, {approvedAt.Count} requests, while {HangingDso} hangs ({_hung.Count} calls held)"));
        log.WriteLine("| requests | not reached | p50 ms | p90 ms | p99 ms | max ms |");
        log.WriteLine(string.Create(c, $"| {ticks.Length} | {missing} | {summary.P50:F1} | {summary.P90:F1} | {summary.P99:F1} | {summary.Max:F1} |"));
        return missing == 0 ? 0 : 1;
    }

    /// <summary>An HTTP endpoint on a free loopback port (a port is picked and tried until one is free).</summary>
    private static HttpListener Listen(out Uri url)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 60_000);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                url = new Uri($"http://127.0.0.1:{port}/hook");
                return listener;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync(HttpListener listener, bool hang)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var at = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            if (hang)
            {
                // Never answered: Vidnova's own timeout ends the call, as with a DSO whose server hangs.
                _hung.Add(context);
                continue;
            }

            if (ApplicationNumber().Match(body) is { Success: true } match)
            {
                _firstAttempt.TryAdd(match.Groups[1].Value, at);
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private Task<string> RegisterAsync(string code, Uri url, CancellationToken cancellationToken) =>
        SendAsync(Admin(HttpMethod.Put, $"api/v1/dsos/{code}", new
        {
            name = $"ОСР {code}",
            edrpou = "41946011",
            iban = "UA213223130000026007233566001",
            restorationPrice = 1234.56m,
            channel = new { type = "webhook", url = url.AbsoluteUri, secret = Secret },
        }), cancellationToken);

    private async Task<(string Number, Guid Id)> PrepareAsync(int index, string dso, CancellationToken cancellationToken)
    {
        var number = options.AccountNumber(index);
        await SendAsync(Admin(HttpMethod.Put, $"api/v1/accounts/{number}", new
        {
            holderName = "Шевченко Тарас",
            address = $"м. Київ, вул. Вимірювальна, {index}",
            eic = "62Z100000000001Z",
            settlement = "city",
            dsoCode = dso,
            supplyStatus = "disconnected_for_debt",
            debt = 0m,
        }), cancellationToken);

        var email = $"lanes+{number}@example.com";
        var applied = JsonSerializer.Deserialize<Applied>(await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/v1/restoration-applications")
        {
            Content = JsonContent.Create(new { accountNumber = number, holderSurname = "Шевченко", email, emailConfirmation = email, phone = "0671234567" }),
        }, cancellationToken), Json) ?? throw new SetupException("No application in the answer.");
        var token = applied.AccessToken ?? throw new SetupException($"Account {number} already has an open application; use a fresh --run-id.");

        var code = await ConfirmationCodeAsync(applied.Number, cancellationToken);
        await SendAsync(Customer($"api/v1/restoration-applications/{applied.Id}/email-confirmation", token, JsonContent.Create(new { code })), cancellationToken);
        var file = new ByteArrayContent(Receipt);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        await SendAsync(Customer($"api/v1/restoration-applications/{applied.Id}/receipts", token,
            new MultipartFormDataContent { { file, "file", "receipt.pdf" } }), cancellationToken);
        return (applied.Number, applied.Id);
    }

    private async Task<string> ConfirmationCodeAsync(string number, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(options.TimeoutSeconds);
        while (DateTime.UtcNow < giveUpAt)
        {
            foreach (var path in Directory.Exists(options.MailDirectory) ? Directory.GetFiles(options.MailDirectory, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(path, cancellationToken);
                if (message.Subject?.Contains(number, StringComparison.Ordinal) == true && CodePattern().Match(message.TextBody ?? "") is { Success: true } match)
                {
                    return match.Groups[1].Value;
                }
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new SetupException($"No confirmation email for {number} in {options.MailDirectory}; pass the host's Mail:PickupDirectory as --mail-dir.");
    }

    private HttpRequestMessage Admin(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", options.AdminKey);
        return request;
    }

    private static HttpRequestMessage Customer(string path, string token, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<string> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? body : throw new SetupException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}");
        }
    }

    [GeneratedRegex(@"код[^:]*:\s*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();

    [GeneratedRegex("\"applicationNumber\":\"(VN-\\d{4}-\\d{6})\"")]
    private static partial Regex ApplicationNumber();

    private sealed record Applied(Guid Id, string Number, string? AccessToken);
}
