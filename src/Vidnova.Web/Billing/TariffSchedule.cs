using NodaTime;

namespace Vidnova.Billing;

/// <summary>The household tariffs by effective date: each is in force from its date until the next one's.</summary>
public sealed class TariffSchedule
{
    private readonly HouseholdTariff[] _tariffs;

    public TariffSchedule(IEnumerable<HouseholdTariff> tariffs) => _tariffs = [.. tariffs.OrderBy(t => t.EffectiveFrom)];

    public IReadOnlyList<HouseholdTariff> Tariffs => _tariffs;

    /// <summary>The tariff in force on <paramref name="date"/>, or null before the first one.</summary>
    public HouseholdTariff? InForceOn(LocalDate date) => _tariffs.LastOrDefault(t => t.EffectiveFrom <= date);
}

/// <summary>
/// Whether an account's home is approved as electrically heated, by date: the administrator records each change
/// with the date it takes effect (<c>PUT /api/v1/accounts/{number}/tariff-options</c>).
/// </summary>
public sealed class ElectricHeatingApprovals
{
    private readonly (LocalDate From, bool Approved)[] _changes;

    public ElectricHeatingApprovals(IEnumerable<(LocalDate From, bool Approved)> changes) => _changes = [.. changes.OrderBy(c => c.From)];

    public static ElectricHeatingApprovals None { get; } = new([]);

    public bool ApprovedOn(LocalDate date) => _changes.LastOrDefault(c => c.From <= date).Approved;
}
