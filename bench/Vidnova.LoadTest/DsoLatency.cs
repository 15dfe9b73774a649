using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Vidnova.LoadTest;

/// <summary>
/// <c>--mode dso-latency</c>: walks applications through the whole journey against a host whose DSO answers by
/// webhook (the Development demo's simulator), one at a time, and measures from the receipt's approval to the DSO's
/// acknowledgement. Two figures per application: as the host recorded them (the <c>receipt_approved</c> and
/// <c>dso_received</c> timeline entries, one clock) and as a client sees them (approval response to the first read
/// showing the request received, polled every 10 ms).
/// </summary>
public sealed partial class DsoLatency(HttpClient http, LoadTestOptions options, TextWriter log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A minimal PDF: the automatic check cannot read it, so an operator (here the admin key) approves it.</summary>
    private static readonly byte[] Receipt = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var server = new List<long>();
        var client = new List<long>();
        for (var index = 1; index <= options.Applications; index++)
        {
            var (recorded, observed) = await OneAsync(index, cancellationToken);
            server.Add(ToTicks(recorded));
            client.Add(ToTicks(observed));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {index}/{options.Applications}: recorded {recorded.TotalMilliseconds:F1} ms, observed {observed.TotalMilliseconds:F1} ms"));
        }

        var recordedSummary = LatencySummary.Of([.. server.Order()]);
        var observedSummary = LatencySummary.Of([.. client.Order()]);
        var c = CultureInfo.InvariantCulture;
        log.WriteLine();
        log.WriteLine(string.Create(c, $"receipt approved → DSO acknowledged, {options.Applications} applications one at a time, DSO {options.Dso}"));
        log.WriteLine("| measured | p50 ms | p90 ms | p99 ms | max ms |");
        log.WriteLine(string.Create(c, $"| recorded by the host | {recordedSummary.P50:F1} | {recordedSummary.P90:F1} | {recordedSummary.P99:F1} | {recordedSummary.Max:F1} |"));
        log.WriteLine(string.Create(c, $"| observed by a client | {observedSummary.P50:F1} | {observedSummary.P90:F1} | {observedSummary.P99:F1} | {observedSummary.Max:F1} |"));
        return 0;
    }

    private async Task<(TimeSpan Recorded, TimeSpan Observed)> OneAsync(int index, CancellationToken cancellationToken)
    {
        var number = options.AccountNumber(index);
        await SendAsync(Admin(HttpMethod.Put, $"api/v1/accounts/{number}", new
        {
            holderName = "Шевченко Тарас",
            address = $"м. Київ, вул. Вимірювальна, {index}",
            eic = "62Z100000000001Z",
            settlement = "city",
            dsoCode = options.Dso,
            supplyStatus = "disconnected_for_debt",
            debt = 0m,
        }), cancellationToken);

        var email = $"latency+{number}@example.com";
        var applied = JsonSerializer.Deserialize<Applied>(await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/v1/restoration-applications")
        {
            Content = JsonContent.Create(new { accountNumber = number, holderSurname = "Шевченко", email, emailConfirmation = email, phone = "0671234567" }),
        }, cancellationToken), Json) ?? throw new SetupException("No application in the answer.");
        var token = applied.AccessToken ?? throw new SetupException($"Account {number} already has an open application; use a fresh --run-id.");

        var code = await ConfirmationCodeAsync(applied.Number, cancellationToken);
        await SendAsync(Customer(HttpMethod.Post, $"api/v1/restoration-applications/{applied.Id}/email-confirmation", token, JsonContent.Create(new { code })), cancellationToken);
        var file = new ByteArrayContent(Receipt);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        await SendAsync(Customer(HttpMethod.Post, $"api/v1/restoration-applications/{applied.Id}/receipts", token,
            new MultipartFormDataContent { { file, "file", "receipt.pdf" } }), cancellationToken);

        await SendAsync(Admin(HttpMethod.Post, $"api/v1/restoration-applications/{applied.Id}/receipt-decision", new { approve = true }), cancellationToken);
        var approved = Stopwatch.GetTimestamp();
        var giveUpAt = DateTime.UtcNow.AddSeconds(options.TimeoutSeconds);
        while (true)
        {
            var state = JsonSerializer.Deserialize<State>(await SendAsync(Admin(HttpMethod.Get, $"api/v1/restoration-applications/{applied.Id}", null), cancellationToken), Json)!;
            if (state.Status is "in_progress_at_dso" or "restored")
            {
                var observed = Stopwatch.GetElapsedTime(approved);
                var at = state.Timeline.ToDictionary(t => t.Kind, t => t.At);
                return (at["dso_received"] - at["receipt_approved"], observed);
            }

            if (DateTime.UtcNow > giveUpAt)
            {
                throw new SetupException($"{applied.Number} was not acknowledged within {options.TimeoutSeconds} s (status {state.Status}). Is the DSO's channel a webhook to a simulator?");
            }

            await Task.Delay(10, cancellationToken);
        }
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

    private static HttpRequestMessage Customer(HttpMethod method, string path, string token, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
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

    private static long ToTicks(TimeSpan elapsed) => (long)(elapsed.TotalSeconds * Stopwatch.Frequency);

    [GeneratedRegex(@"код[^:]*:\s*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();

    private sealed record Applied(Guid Id, string Number, string? AccessToken);

    private sealed record State(string Status, IReadOnlyList<TimelineItem> Timeline);

    private sealed record TimelineItem(string Kind, DateTimeOffset At);
}
