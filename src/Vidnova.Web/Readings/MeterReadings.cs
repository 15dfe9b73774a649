using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Readings;

/// <summary>An account's meter as other capabilities see it.</summary>
public sealed record MeterSummary(Guid Id, MeterSerialNumber SerialNumber, ZoneScheme Scheme, int Digits, LocalDate InstalledOn, LocalDate? RemovedOn);

/// <summary>
/// One reading with what it makes: <see cref="Consumption"/> is the kWh per zone since the same meter's previous
/// reading (zero for the installation reading; a register that rolled over counted round).
/// </summary>
public sealed record ReadingRecord(
    Guid Id,
    MeterSummary Meter,
    LocalDate TakenOn,
    BillingPeriod Period,
    bool EndOfPeriod,
    ReadingSource Source,
    bool Confirmed,
    ZoneKwh Values,
    ZoneKwh Consumption,
    Instant SubmittedAt);

/// <summary>A meter's readings around a billing period: the last one before it (the opening) and those counted for it.</summary>
public sealed record MeterPeriodReadings(MeterSummary Meter, ReadingRecord? Opening, IReadOnlyList<ReadingRecord> InPeriod)
{
    /// <summary>kWh per zone of the readings counted for the period; empty when there are none.</summary>
    public ZoneKwh Consumption => InPeriod.Count == 0
        ? ZoneKwh.Empty
        : ZoneKwh.Of(Meter.Scheme.Zones.Select(zone => KeyValuePair.Create(zone, Kwh.FromWh(InPeriod.Sum(r => r.Consumption[zone].Wh)))));
}

/// <summary>
/// The readings of personal accounts: what the billing run reads. A period's readings are those the reading window
/// counts for it (<see cref="ReadingWindow"/>); a meter replaced in the period appears with its final reading.
/// </summary>
public interface IMeterReadings
{
    /// <summary>The meters that counted energy in <paramref name="period"/>, each with its opening reading and the period's readings.</summary>
    Task<IReadOnlyList<MeterPeriodReadings>> InPeriodAsync(AccountNumber account, BillingPeriod period, CancellationToken cancellationToken);

    /// <summary>Every reading of the account, of every meter it had, newest first.</summary>
    Task<IReadOnlyList<ReadingRecord>> HistoryAsync(AccountNumber account, CancellationToken cancellationToken);

    /// <summary>The histories of many accounts in two queries, as <see cref="HistoryAsync"/> each; an account with none has an empty list.</summary>
    Task<IReadOnlyDictionary<AccountNumber, IReadOnlyList<ReadingRecord>>> HistoriesAsync(IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken);

    /// <summary>The account's meter now, or null when none is installed.</summary>
    Task<MeterSummary?> CurrentMeterAsync(AccountNumber account, CancellationToken cancellationToken);
}

internal sealed class MeterReadings(VidnovaDbContext db) : IMeterReadings
{
    public async Task<IReadOnlyList<MeterPeriodReadings>> InPeriodAsync(AccountNumber account, BillingPeriod period, CancellationToken cancellationToken)
    {
        var byMeter = (await HistoryAsync(account, cancellationToken)).GroupBy(r => r.Meter.Id);
        var result = new List<MeterPeriodReadings>();
        foreach (var readings in byMeter)
        {
            var oldestFirst = readings.Reverse().ToList();
            var inPeriod = oldestFirst.Where(r => r.Period == period && r.Source != ReadingSource.Installation).ToList();
            var opening = oldestFirst.LastOrDefault(r => r.Period < period);
            var meter = oldestFirst[0].Meter;
            var counting = meter.InstalledOn <= period.LastDay && (meter.RemovedOn is null || ReadingWindow.PeriodOf(meter.RemovedOn.Value) >= period);
            if (counting || inPeriod.Count > 0)
            {
                result.Add(new MeterPeriodReadings(meter, opening, inPeriod));
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<ReadingRecord>> HistoryAsync(AccountNumber account, CancellationToken cancellationToken) =>
        (await HistoriesAsync([account], cancellationToken))[account];

    public async Task<IReadOnlyDictionary<AccountNumber, IReadOnlyList<ReadingRecord>>> HistoriesAsync(
        IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken)
    {
        var meters = await db.Set<Meter>().AsNoTracking().Where(m => accounts.Contains(m.AccountNumber)).ToListAsync(cancellationToken);
        var readings = (await db.Set<MeterReading>().AsNoTracking().Where(r => accounts.Contains(r.AccountNumber)).ToListAsync(cancellationToken))
            .ToLookup(r => r.MeterId);
        var records = accounts.Distinct().ToDictionary(a => a, _ => new List<ReadingRecord>());
        foreach (var meter in meters)
        {
            var summary = Summary(meter);
            ZoneKwh? previous = null;
            foreach (var reading in readings[meter.Id].OrderBy(r => r.TakenOn))
            {
                var consumption = previous is null
                    ? ZoneKwh.Of(reading.Values.Zones.Select(z => KeyValuePair.Create(z, Kwh.Zero)))
                    : ReadingRules.Consumption(previous, reading.Values, meter.Digits);
                records[meter.AccountNumber].Add(new ReadingRecord(reading.Id, summary, reading.TakenOn, reading.Period, reading.EndOfPeriod, reading.Source,
                    reading.Confirmed, reading.Values, consumption, reading.SubmittedAt));
                previous = reading.Values;
            }
        }

        return records.ToDictionary(r => r.Key, r => (IReadOnlyList<ReadingRecord>)
            [.. r.Value.OrderByDescending(x => x.TakenOn).ThenByDescending(x => x.Meter.InstalledOn).ThenBy(x => x.Source == ReadingSource.Removal)]);
    }

    public async Task<MeterSummary?> CurrentMeterAsync(AccountNumber account, CancellationToken cancellationToken) =>
        await db.Set<Meter>().AsNoTracking().Where(m => m.AccountNumber == account && m.RemovedOn == null).SingleOrDefaultAsync(cancellationToken) is { } meter
            ? Summary(meter)
            : null;

    internal static MeterSummary Summary(Meter meter) => new(meter.Id, meter.SerialNumber, meter.Scheme, meter.Digits, meter.InstalledOn, meter.RemovedOn);
}
