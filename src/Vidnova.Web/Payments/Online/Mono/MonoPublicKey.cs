using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Vidnova.Payments.Online.Mono;

/// <summary>
/// The merchant's public key that signs mono's webhooks, fetched from <c>GET /api/merchant/pubkey</c> once and kept:
/// mono asks merchants not to fetch it for every webhook. When a signature does not verify the key may have been
/// rotated, so it is fetched again, once, and at most every <see cref="MonoOptions.PublicKeyRefetchSeconds"/>
/// (concurrent webhooks share one fetch), so forged webhooks cannot make us hammer mono.
/// </summary>
internal sealed class MonoPublicKey(IHttpClientFactory httpClients, IOptionsMonitor<MonoOptions> options, IClock clock, ILogger<MonoPublicKey> logger)
    : IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private byte[]? _key;
    private Instant _fetchedAt = Instant.MinValue;

    /// <summary>The key as cached, fetched when there is none yet.</summary>
    public async Task<byte[]?> CurrentAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _key) is { } key ? key : await RefreshAsync(null, cancellationToken);

    /// <summary>
    /// Fetches the key again unless it was fetched within the refetch interval (or after <paramref name="stale"/>
    /// was read, by another webhook that also failed): the key to try once more.
    /// </summary>
    public async Task<byte[]?> RefreshAsync(byte[]? stale, CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            var cached = _key;
            var now = clock.GetCurrentInstant();
            var fresh = cached is not null && (!SameKey(cached, stale) || now - _fetchedAt < Duration.FromSeconds(options.CurrentValue.PublicKeyRefetchSeconds));
            if (fresh)
            {
                return cached;
            }

            var fetched = await FetchAsync(cancellationToken);
            if (fetched is not null)
            {
                Volatile.Write(ref _key, fetched);
            }

            _fetchedAt = now;
            return fetched ?? cached;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task<byte[]?> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(MonoProvider.Base(settings), MonoProtocol.PublicKeyPath));
        request.Headers.Add(MonoProtocol.TokenHeader, settings.Token);
        using var response = await httpClients.CreateClient(MonoProvider.HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        var key = MonoProtocol.ImportPublicKey(answer?.Text("key"));
        if (key is null)
        {
            logger.LogError("mono's pubkey answer holds no EC public key; webhooks cannot be verified");
        }
        else
        {
            logger.LogInformation("Fetched mono's webhook public key");
        }

        return key;
    }

    public void Dispose() => _fetching.Dispose();

    public static bool SameKey(byte[]? left, byte[]? right) => left is not null && right is not null && left.AsSpan().SequenceEqual(right);
}
