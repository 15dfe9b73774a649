using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vidnova.Payments.Online.LiqPay;

/// <summary>
/// LiqPay API v3's envelope, shared by the checkout form, the server callback and the API calls: <c>data</c> is the
/// base64 of a JSON object, <c>signature</c> is base64(sha1(private_key + data + private_key)). Published so the
/// simulator in the demo speaks exactly the same protocol.
/// </summary>
public static class LiqPayProtocol
{
    public const int Version = 3;

    public static string Encode(JsonObject fields) => Convert.ToBase64String(Encoding.UTF8.GetBytes(fields.ToJsonString()));

    // SHA-1 is LiqPay's choice, not ours: the protocol defines the signature so, and a different hash would not verify.
#pragma warning disable CA5350
    public static string Sign(string privateKey, string data) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(privateKey + data + privateKey)));
#pragma warning restore CA5350

    /// <summary>
    /// Whether <paramref name="signature"/> is ours for <paramref name="data"/>, compared in fixed time so the answer's
    /// timing tells a forger nothing. No key configured: nothing is signed.
    /// </summary>
    public static bool IsSigned(string? privateKey, string? data, string? signature)
    {
        if (string.IsNullOrEmpty(privateKey) || string.IsNullOrEmpty(data) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(privateKey, data)), Encoding.UTF8.GetBytes(signature));
    }

    /// <summary>The JSON object inside <paramref name="data"/>; null when it is not base64 of a JSON object.</summary>
    public static JsonObject? Decode(string data)
    {
        try
        {
            return JsonNode.Parse(Convert.FromBase64String(data)) as JsonObject;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A field as text, whether LiqPay sent it as a string or a number.</summary>
    public static string? Text(this JsonObject fields, string name) => fields[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}
