using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Dso;

/// <summary>A distribution system operator (ОСР): owns the wires, performs reconnection and is paid for it directly.</summary>
public sealed class DistributionOperator
{
    public const string DefaultPriceLine = "standard";

    private readonly List<RestorationPriceLine> _priceList = [];

    private DistributionOperator(DsoCode code, string name, Edrpou edrpou, Iban iban)
    {
        Code = code;
        Name = name;
        Edrpou = edrpou;
        Iban = iban;
    }

    public DsoCode Code { get; private set; }

    public string Name { get; private set; }

    public Edrpou Edrpou { get; private set; }

    public Iban Iban { get; private set; }

    /// <summary>The DSO's restoration service prices; the <see cref="DefaultPriceLine"/> line is what an invoice uses unless told otherwise.</summary>
    public IReadOnlyList<RestorationPriceLine> PriceList => _priceList;

    /// <summary>How restoration requests reach this DSO: <c>pull</c> (it lists them through the API) unless set otherwise.</summary>
    public DsoChannelType ChannelType { get; private set; } = DsoChannelType.Pull;

    /// <summary>The HTTPS address requests are POSTed to when <see cref="ChannelType"/> is a webhook.</summary>
    public string? WebhookUrl { get; private set; }

    /// <summary>The shared HMAC secret: signs requests to the DSO and verifies its callbacks.</summary>
    public string? WebhookSecret { get; private set; }

    /// <summary>The DSO's mailbox when <see cref="ChannelType"/> is email.</summary>
    public string? ChannelEmail { get; private set; }

    public Money DefaultRestorationPrice =>
        _priceList.Single(line => line.Code == DefaultPriceLine).Price;

    public static DistributionOperator Register(DsoCode code, string name, Edrpou edrpou, Iban iban, Money defaultRestorationPrice)
    {
        var dso = new DistributionOperator(code, name.Trim(), edrpou, iban);
        dso.SetPrice(DefaultPriceLine, "Відновлення електропостачання", defaultRestorationPrice);
        return dso;
    }

    public void UpdateRequisites(string name, Edrpou edrpou, Iban iban)
    {
        Name = name.Trim();
        Edrpou = edrpou;
        Iban = iban;
    }

    public void UsePull() => SetChannel(DsoChannelType.Pull, null, null, null);

    public void UseWebhook(Uri url, string secret)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A webhook is an absolute http(s) address.", nameof(url));
        }

        if (secret.Length < WebhookSecretMinLength)
        {
            throw new ArgumentException($"A webhook secret has at least {WebhookSecretMinLength} characters.", nameof(secret));
        }

        SetChannel(DsoChannelType.Webhook, url.AbsoluteUri, secret, null);
    }

    public void UseEmail(string address) => SetChannel(DsoChannelType.Email, null, null, address.Trim());

    public const int WebhookSecretMinLength = 16;

    private void SetChannel(DsoChannelType type, string? url, string? secret, string? email)
    {
        ChannelType = type;
        WebhookUrl = url;
        WebhookSecret = secret;
        ChannelEmail = email;
    }

    public void SetPrice(string lineCode, string description, Money price)
    {
        if (!price.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(price), "A restoration price is a positive amount.");
        }

        _priceList.RemoveAll(line => line.Code == lineCode);
        _priceList.Add(new RestorationPriceLine(lineCode, description, price));
    }
}

public enum DsoChannelType
{
    Pull,
    Webhook,
    Email,
}

public sealed record RestorationPriceLine(string Code, string Description, Money Price);

/// <summary>A key a DSO's systems use to call the API. Only its SHA-256 is stored; the key itself is shown once.</summary>
internal sealed class DsoApiKey
{
    private DsoApiKey(Guid id, DsoCode dsoCode, string keyHash, string displayPrefix, Instant issuedAt)
    {
        Id = id;
        DsoCode = dsoCode;
        KeyHash = keyHash;
        DisplayPrefix = displayPrefix;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }

    public DsoCode DsoCode { get; private set; }

    public string KeyHash { get; private set; }

    public string DisplayPrefix { get; private set; }

    public Instant IssuedAt { get; private set; }

    public Instant? RevokedAt { get; private set; }

    public static DsoApiKey Issue(DsoCode dsoCode, string keyHash, string displayPrefix, Instant issuedAt) =>
        new(Guid.NewGuid(), dsoCode, keyHash, displayPrefix, issuedAt);

    public void Revoke(Instant at) => RevokedAt ??= at;
}
