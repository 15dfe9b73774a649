using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

/// <summary>
/// A bank, a terminal network or Ukrposhta that takes payments for the supplier and sends a daily registry of them.
/// Its registry format is data (<see cref="RegistryFormat"/>), kept as the JSON it was set with.
/// </summary>
internal sealed partial class PaymentPartner
{
    public const int MaxCodeLength = 32;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private PaymentPartner(string code, string name, string formatJson, Instant updatedAt)
    {
        Code = code;
        Name = name;
        FormatJson = formatJson;
        UpdatedAt = updatedAt;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string FormatJson { get; private set; }

    public Instant UpdatedAt { get; private set; }

    /// <summary>The format as it was stored; it passed validation then, and is checked again as it is read.</summary>
    public RegistryFormat Format
    {
        get
        {
            var errors = new InputErrors();
            var format = RegistryFormat.Validate(JsonSerializer.Deserialize<RegistryFormatInput>(FormatJson, Json), errors);
            return errors.Any ? throw new InvalidOperationException($"The stored format of partner {Code} no longer validates.") : format;
        }
    }

    public static bool IsCode(string? code) => code is { Length: >= 2 and <= MaxCodeLength } && CodePattern().IsMatch(code);

    public static PaymentPartner Register(string code, string name, RegistryFormat format, Instant at) =>
        new(code, name.Trim(), JsonSerializer.Serialize(format.ToInput(), Json), at);

    public void Update(string name, RegistryFormat format, Instant at)
    {
        Name = name.Trim();
        FormatJson = JsonSerializer.Serialize(format.ToInput(), Json);
        UpdatedAt = at;
    }

    /// <summary>The ledger channel a partner's payments are booked under: with the registry number and row it makes them unique.</summary>
    public static string ChannelOf(string code) => $"partner:{code}";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();
}

/// <summary>A partner's API key; only its SHA-256 is kept, as a DSO's is.</summary>
internal sealed class PaymentPartnerApiKey
{
    private PaymentPartnerApiKey(Guid id, string partnerCode, string keyHash, string displayPrefix, Instant issuedAt)
    {
        Id = id;
        PartnerCode = partnerCode;
        KeyHash = keyHash;
        DisplayPrefix = displayPrefix;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }

    public string PartnerCode { get; private set; }

    public string KeyHash { get; private set; }

    public string DisplayPrefix { get; private set; }

    public Instant IssuedAt { get; private set; }

    public Instant? RevokedAt { get; private set; }

    public static PaymentPartnerApiKey Issue(string partnerCode, string keyHash, string displayPrefix, Instant issuedAt) =>
        new(Guid.NewGuid(), partnerCode, keyHash, displayPrefix, issuedAt);
}
