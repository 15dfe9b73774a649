using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Readings;

/// <summary>
/// The electricity meter of a personal account: serial number, zones, the number of digits of its registers (after
/// 99 999 a five-digit register rolls over to 0) and the day it was installed. A replaced meter is kept, closed on
/// the day its successor was installed, with its final readings for the next bill.
/// </summary>
public sealed class Meter
{
    public const int MinDigits = 4;
    public const int MaxDigits = 9;

    private Meter()
    {
    }

    public Guid Id { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public MeterSerialNumber SerialNumber { get; private set; }

    public int Zones { get; private set; }

    public int Digits { get; private set; }

    public LocalDate InstalledOn { get; private set; }

    /// <summary>The day a successor was installed; null while this is the account's meter.</summary>
    public LocalDate? RemovedOn { get; private set; }

    public Instant RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public ZoneScheme Scheme => ZoneScheme.Of(Zones);

    /// <summary>What a register of a meter with <paramref name="digits"/> cannot reach: 10^digits kWh, where it rolls over to zero.</summary>
    public static Kwh RegisterLimitOf(int digits) => Kwh.Of((decimal)Math.Pow(10, digits));

    public static Meter Install(AccountNumber account, MeterSerialNumber serial, ZoneScheme scheme, int digits, LocalDate installedOn, Instant at, string by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MinDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
        return new Meter
        {
            Id = Guid.NewGuid(),
            AccountNumber = account,
            SerialNumber = serial,
            Zones = scheme.Count,
            Digits = digits,
            InstalledOn = installedOn,
            RecordedAt = at,
            RecordedBy = by,
        };
    }

    public bool IsSameInstallation(MeterSerialNumber serial, ZoneScheme scheme, int digits, LocalDate installedOn) =>
        SerialNumber == serial && Scheme == scheme && Digits == digits && InstalledOn == installedOn;

    /// <summary>Closes this meter on the day its successor is installed.</summary>
    public void Remove(LocalDate on)
    {
        if (RemovedOn is not null)
        {
            throw new InvalidOperationException($"Meter {SerialNumber} was already removed on {RemovedOn}.");
        }

        if (on < InstalledOn)
        {
            throw new ArgumentOutOfRangeException(nameof(on), on, "A meter is not removed before it was installed.");
        }

        RemovedOn = on;
    }
}

/// <summary>Who took a reading: the customer, the supplier's staff, the DSO, a payment partner — or the meter's installation and removal.</summary>
public enum ReadingSource
{
    Customer,
    Staff,
    Dso,
    Partner,
    Installation,
    Removal,
}

public static class ReadingSourceNames
{
    public static string Of(ReadingSource source) => source switch
    {
        ReadingSource.Customer => "customer",
        ReadingSource.Staff => "staff",
        ReadingSource.Dso => "dso",
        ReadingSource.Partner => "partner",
        ReadingSource.Installation => "installation",
        ReadingSource.Removal => "removal",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}

/// <summary>
/// What a meter's registers showed on a day (Kyiv date), and the billing period it counts for by the reading window.
/// Only the newest reading of a meter may be corrected (by a different reading on the same day).
/// </summary>
public sealed class MeterReading
{
    private MeterReading()
    {
    }

    public Guid Id { get; private set; }

    public Guid MeterId { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public LocalDate TakenOn { get; private set; }

    public BillingPeriod Period { get; private set; }

    /// <summary>Taken within the window around the period's end, so it is the period's closing reading.</summary>
    public bool EndOfPeriod { get; private set; }

    public ReadingSource Source { get; private set; }

    /// <summary>The person or system that sent it confirmed a rollover or an unusual jump.</summary>
    public bool Confirmed { get; private set; }

    public Instant SubmittedAt { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    // One column per register; the meter's zones are set, the others null.
    private Kwh? Total { get; set; }

    private Kwh? Day { get; set; }

    private Kwh? Night { get; set; }

    private Kwh? Peak { get; set; }

    private Kwh? HalfPeak { get; set; }

    public ZoneKwh Values => ZoneKwh.Of(new (MeterZone Zone, Kwh? Value)[]
        {
            (MeterZone.Total, Total), (MeterZone.Day, Day), (MeterZone.Night, Night), (MeterZone.Peak, Peak), (MeterZone.HalfPeak, HalfPeak),
        }
        .Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Zone, v.Value!.Value)));

    public static MeterReading Take(Meter meter, LocalDate takenOn, ZoneKwh values, ReadingSource source, bool confirmed, Instant at, string by)
    {
        var reading = new MeterReading { Id = Guid.NewGuid(), MeterId = meter.Id, AccountNumber = meter.AccountNumber };
        reading.Set(meter, takenOn, values, source, confirmed, at, by);
        return reading;
    }

    /// <summary>Replaces the values of this (the newest) reading with those sent again for the same day.</summary>
    public void Correct(Meter meter, ZoneKwh values, ReadingSource source, bool confirmed, Instant at, string by) =>
        Set(meter, TakenOn, values, source, confirmed, at, by);

    private void Set(Meter meter, LocalDate takenOn, ZoneKwh values, ReadingSource source, bool confirmed, Instant at, string by)
    {
        if (!meter.Scheme.Matches(values.Zones))
        {
            throw new ArgumentException($"A reading of meter {meter.SerialNumber} has its zones; got {values}.", nameof(values));
        }

        TakenOn = takenOn;
        Period = ReadingWindow.PeriodOf(takenOn);
        EndOfPeriod = ReadingWindow.IsEndOfPeriod(takenOn);
        Source = source;
        Confirmed = confirmed;
        SubmittedAt = at;
        SubmittedBy = by;
        Total = values.Has(MeterZone.Total) ? values[MeterZone.Total] : null;
        Day = values.Has(MeterZone.Day) ? values[MeterZone.Day] : null;
        Night = values.Has(MeterZone.Night) ? values[MeterZone.Night] : null;
        Peak = values.Has(MeterZone.Peak) ? values[MeterZone.Peak] : null;
        HalfPeak = values.Has(MeterZone.HalfPeak) ? values[MeterZone.HalfPeak] : null;
    }
}
