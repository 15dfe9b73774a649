using NodaTime;

namespace Vidnova.Calendar;

/// <summary>A public holiday under Labour Code art. 73.</summary>
public sealed record PublicHoliday(LocalDate Date, string Name);

/// <summary>
/// A one-off transfer (e.g. by a Cabinet of Ministers recommendation): on <see cref="Date"/> the day becomes a working
/// day or a day off, overriding every other rule.
/// </summary>
public sealed record DayTransfer(LocalDate Date, bool IsWorkingDay, string Note);

/// <summary>A period of martial law (Law No. 2136-IX), both ends inclusive; <see cref="To"/> null means still in force.</summary>
public sealed record MartialLawPeriod(LocalDate From, LocalDate? To)
{
    public bool Covers(LocalDate date) => date >= From && (To is null || date <= To.Value);
}
