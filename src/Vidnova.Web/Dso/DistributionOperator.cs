using NodaTime;
using Vidnova.Ledger;

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

public sealed record RestorationPriceLine(string Code, string Description, Money Price);

/// <summary>A key a DSO's systems use to call the API. Only its SHA-256 is stored; the key itself is shown once.</summary>
public sealed class DsoApiKey
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
