using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Accounts;

/// <summary>The audit trail of supply states set by staff rather than by the DSO's events.</summary>
public sealed class SupplyStatusCorrection
{
    private SupplyStatusCorrection(Guid id, AccountNumber accountNumber, SupplyStatus from, SupplyStatus to, string correctedBy, Instant correctedAt)
    {
        Id = id;
        AccountNumber = accountNumber;
        From = from;
        To = to;
        CorrectedBy = correctedBy;
        CorrectedAt = correctedAt;
    }

    public Guid Id { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public SupplyStatus From { get; private set; }

    public SupplyStatus To { get; private set; }

    /// <summary>The authenticated caller's name (an administrator's API key or staff sign-in).</summary>
    public string CorrectedBy { get; private set; }

    public Instant CorrectedAt { get; private set; }

    internal static SupplyStatusCorrection Record(AccountNumber account, SupplyStatus from, SupplyStatus to, string correctedBy, Instant at) =>
        new(Guid.NewGuid(), account, from, to, correctedBy.Length > 200 ? correctedBy[..200] : correctedBy, at);
}
