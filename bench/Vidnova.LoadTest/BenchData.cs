using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vidnova.LoadTest;

/// <summary>An application the load test may read: its id and the customer's access token.</summary>
public sealed record BenchApplication(Guid Id, string AccessToken)
{
    /// <summary>The customer's status read of this application: what every load phase sends.</summary>
    public HttpRequestMessage StatusRead()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/restoration-applications/{Id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return request;
    }
}

/// <summary>
/// Creates the DSO <c>bench-dso</c>, then one disconnected, debt-free account and one application per index,
/// through the public API. Re-running with the same run id reuses the DSO and accounts but cannot recover
/// the access tokens (a repeated application returns 200 without one), so each run takes a fresh account range.
/// </summary>
public sealed class BenchData(HttpClient http, LoadTestOptions options, TextWriter log)
{
    public const string DsoCode = "bench-dso";
    private const int Attempts = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<BenchApplication>> CreateAsync(CancellationToken cancellationToken)
    {
        await SendAsync(() => Admin(HttpMethod.Put, $"api/v1/dsos/{DsoCode}", new
        {
            name = "Bench DSO (load test)",
            edrpou = "41946011",
            iban = "UA213223130000026007233566001",
            restorationPrice = 1_000.00m,
        }), cancellationToken);

        var applications = new BenchApplication[options.Applications];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(1, options.Applications),
            new ParallelOptions { MaxDegreeOfParallelism = options.SetupConcurrency, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                applications[index - 1] = await CreateOneAsync(index, ct);
                if (Interlocked.Increment(ref done) % 100 == 0)
                {
                    log.WriteLine($"  {done}/{options.Applications} applications");
                }
            });
        return applications;
    }

    private async Task<BenchApplication> CreateOneAsync(int index, CancellationToken cancellationToken)
    {
        var number = options.AccountNumber(index);
        await SendAsync(() => Admin(HttpMethod.Put, $"api/v1/accounts/{number}", new
        {
            holderName = "Шевченко Тарас",
            address = $"м. Київ, вул. Навантажувальна, {index}",
            eic = "62Z100000000001Z",
            settlement = "city",
            dsoCode = DsoCode,
            supplyStatus = "disconnected_for_debt",
            debt = 0m,
        }), cancellationToken);

        var email = $"bench+{number}@example.com";
        var (status, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/restoration-applications")
        {
            Content = JsonContent.Create(new
            {
                accountNumber = number,
                holderSurname = "Шевченко",
                email,
                emailConfirmation = email,
                phone = "0671234567",
            }),
        }, cancellationToken);

        var created = JsonSerializer.Deserialize<ApplyResponse>(body, Json)
            ?? throw new SetupException($"POST restoration-applications for {number}: empty response.");
        if (status != HttpStatusCode.Created || string.IsNullOrEmpty(created.AccessToken))
        {
            throw new SetupException(
                $"Account {number} already has an open application ({created.Number}), so its access token cannot be had again. " +
                "Use a fresh --run-id.");
        }

        return new BenchApplication(created.Id, created.AccessToken);
    }

    private HttpRequestMessage Admin(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", options.AdminKey);
        return request;
    }

    /// <summary>Sends with a few retries on 5xx and transport errors (SQLite may be busy); 4xx fails at once.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            string problem;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (response.StatusCode, body);
                }

                problem = $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}";
                if ((int)response.StatusCode < 500)
                {
                    throw new SetupException(problem);
                }
            }
            catch (HttpRequestException exception)
            {
                problem = $"{request.Method} {request.RequestUri}: {exception.Message}";
            }

            if (attempt == Attempts)
            {
                throw new SetupException(problem);
            }

            log.WriteLine($"  retrying ({attempt}/{Attempts - 1}): {problem}");
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
        }
    }

    private sealed record ApplyResponse(Guid Id, string? Number, string? Status, string? AccessToken);
}

public sealed class SetupException(string message) : Exception(message);
