using System.Globalization;
using System.Security.Cryptography;
using System.Text;


namespace Vidnova.Dso;

/// <summary>
/// The signature of the DSO webhook protocol (docs/dso-protocol.md), both ways: header <c>Vidnova-Timestamp</c> is
/// the Unix time in seconds and <c>Vidnova-Signature</c> is <c>v1=</c> followed by the lowercase hex
/// HMAC-SHA256 of <c>timestamp + "." + raw body</c> keyed with the DSO's secret (UTF-8). Pure: no clock, no I/O,
/// so the DSO simulator compiles this same file.
/// </summary>
internal static class WebhookSignature
{
    public const string TimestampHeader = "Vidnova-Timestamp";
    public const string SignatureHeader = "Vidnova-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string Scheme = "v1=";

    /// <summary>How far a signed timestamp may lie from the receiver's clock, either way.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return Scheme + Convert.ToHexStringLower(mac);
    }

    public static string Sign(string secret, long unixSeconds, string body) => Sign(secret, unixSeconds, Encoding.UTF8.GetBytes(body));

    /// <summary>
    /// Checks the two headers against the raw body: the timestamp must parse and lie within <paramref name="tolerance"/>
    /// of <paramref name="nowUnixSeconds"/>, and the signature must match (compared in constant time).
    /// </summary>
    public static SignatureCheck Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body,
        long nowUnixSeconds, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestampHeader.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return SignatureCheck.Malformed;
        }

        if (Math.Abs(nowUnixSeconds - timestamp) > (long)tolerance.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        // A header may carry several signatures during a secret rotation: "v1=…, v1=…".
        foreach (var candidate in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)))
            {
                return SignatureCheck.Valid;
            }
        }

        return SignatureCheck.Mismatch;
    }
}

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Stale,
    Mismatch,
}
