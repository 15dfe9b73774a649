using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vidnova.Payments.Online.Mono;

/// <summary>
/// Plata by mono's acquiring protocol where it is more than JSON over HTTP: the webhook's <c>X-Sign</c> is the base64
/// of an ECDSA P-256 / SHA-256 signature of the raw body, DER-encoded (what OpenSSL and mono's own samples produce),
/// verified with the merchant's public key, which <c>GET /api/merchant/pubkey</c> gives as <c>{"key": base64 of a
/// PEM}</c>. Published so the simulator in the demo speaks exactly the same protocol.
/// </summary>
public static class MonoProtocol
{
    /// <summary>ISO 4217 numeric code of the hryvnia: mono's <c>ccy</c>.</summary>
    public const int Hryvnia = 980;

    public const string TokenHeader = "X-Token";

    public const string SignatureHeader = "X-Sign";

    public const string InvoiceCreatePath = "api/merchant/invoice/create";

    public const string InvoiceStatusPath = "api/merchant/invoice/status";

    public const string PublicKeyPath = "api/merchant/pubkey";

    public static string Sign(ECDsa key, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>Whether <paramref name="signature"/> (base64, as in <c>X-Sign</c>) is the key's signature of <paramref name="body"/>.</summary>
    /// <param name="publicKey">The key's SubjectPublicKeyInfo (DER), as <see cref="ImportPublicKey"/> gives it.</param>
    public static bool IsSigned(byte[] publicKey, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var bytes = new byte[(signature.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(signature, bytes, out var length))
        {
            return false;
        }

        // A fresh key object per check: ECDsa instances are not documented as safe to share between threads.
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKey, out _);
            return key.VerifyData(body, bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The <c>key</c> of the pubkey answer: the base64 of the key's PEM.</summary>
    public static string ExportPublicKey(ECDsa key) => Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()));

    /// <summary>The public key in the pubkey answer's <c>key</c> as SubjectPublicKeyInfo; null when it is not the base64 of an EC key's PEM.</summary>
    public static byte[]? ImportPublicKey(string? base64Pem)
    {
        if (string.IsNullOrWhiteSpace(base64Pem))
        {
            return null;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(base64Pem.Trim())));
            return key.ExportSubjectPublicKeyInfo();
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The JSON object of a body; null when it is not one.</summary>
    public static JsonObject? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A field as text, whether mono sent it as a string or a number.</summary>
    public static string? Text(this JsonObject fields, string name) => fields[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    /// <summary>A whole number field (<c>amount</c> in kopiyky, <c>ccy</c>).</summary>
    public static long? Number(this JsonObject fields, string name) =>
        long.TryParse(fields.Text(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
