using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Readings;

/// <summary>A reading as the customer sends it: the day it was taken (today when omitted), the value of each zone, and whether an unusual value is confirmed.</summary>
public sealed record SubmitOwnReadingCommand([Text(10)] string? TakenOn, Dictionary<string, decimal>? Values, bool? Confirm);

/// <summary>A reading sent by staff, the DSO or a partner: the customer's fields plus <c>source</c> (<c>staff</c>, <c>dso</c>, <c>partner</c>).</summary>
public sealed record SubmitReadingCommand([Text(10)] string? TakenOn, Dictionary<string, decimal>? Values, bool? Confirm, [Text(16)] string? Source);

/// <summary>An accepted reading with what the reading form shows: the previous reading, the kWh it makes and their expected cost.</summary>
/// <remarks><see cref="Repeated"/>: the same reading was already filed; <see cref="Corrected"/>: it replaced the values of the same day's reading.</remarks>
public sealed record SubmittedReading(ReadingRecord Reading, RegisterReading Previous, Money? ExpectedAmount, bool RolledOver, bool Repeated, bool Corrected);

/// <summary>
/// Takes a meter reading: checks it against the meter and its previous reading (<see cref="ReadingRules"/>), files
/// it under the period the reading window gives, and answers the same reading sent again with what was filed.
/// </summary>
public sealed class SubmitReading(VidnovaDbContext db, IReadingCosts costs, IClock clock, IOptions<ReadingPlausibilityOptions> options)
{
    public async Task<SubmittedReading> HandleAsync(AccountNumber account, string? takenOnText, Dictionary<string, decimal>? values, bool confirm,
        ReadingSource source, string caller, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        var takenOn = today;
        if (takenOnText is not null)
        {
            var parsed = LocalDatePattern.Iso.Parse(takenOnText);
            if (!parsed.Success || parsed.Value.Year < 2000)
            {
                errors.Add("takenOn", "Дата показань — у форматі РРРР-ММ-ДД, наприклад 2026-11-30; без неї — сьогоднішня.");
            }
            else
            {
                takenOn = parsed.Value;
            }
        }

        var meter = await db.Set<Meter>().AsNoTracking().SingleOrDefaultAsync(m => m.AccountNumber == account && m.RemovedOn == null, cancellationToken);
        var read = ZoneValuesInput.Read(values, "values", meter?.Digits, errors, out var unknownZones);
        errors.ThrowIfAny();
        if (takenOn > today)
        {
            throw new BusinessRuleException("reading_in_future",
                "Дата показань ({0:dd.MM.yyyy}) ще не настала. Передайте показання, зняті сьогодні або раніше.", takenOn.ToDateOnly())
            {
                Category = RefusalCategory.InvalidInput,
            };
        }

        if (meter is null)
        {
            throw new BusinessRuleException("meter_not_installed",
                "На рахунку {0} ще не зареєстровано лічильника. Зверніться до постачальника, щоб його внесли.", account.Value);
        }

        if (unknownZones.Count > 0 || !meter.Scheme.Matches(read!.Zones))
        {
            throw new BusinessRuleException("wrong_zones",
                "Лічильник {0} має зони: {1}. Передайте показання саме цих зон.", meter.SerialNumber.Value, string.Join(", ", meter.Scheme.Zones.Select(MeterZoneNames.Of)))
            {
                Category = RefusalCategory.InvalidInput,
            };
        }

        if (takenOn < meter.InstalledOn)
        {
            throw new BusinessRuleException("reading_before_installation",
                "Лічильник {0} встановлено {1:dd.MM.yyyy}; показання мають бути зняті того дня або пізніше.", meter.SerialNumber.Value, meter.InstalledOn.ToDateOnly())
            {
                Category = RefusalCategory.InvalidInput,
            };
        }

        return await db.RetryOnLostRaceAsync(() => SaveAsync(account, meter, takenOn, read!, confirm, source, caller, cancellationToken));
    }

    private async Task<SubmittedReading> SaveAsync(AccountNumber account, Meter meter, LocalDate takenOn, ZoneKwh values, bool confirm, ReadingSource source,
        string caller, CancellationToken cancellationToken)
    {
        var history = await db.Set<MeterReading>().Where(r => r.MeterId == meter.Id).OrderBy(r => r.TakenOn).ToListAsync(cancellationToken);
        if (history.FindIndex(r => r.TakenOn == takenOn && r.Values.Equals(values)) is var same and >= 0)
        {
            return await AnswerAsync(account, meter, history, same, rolledOver: false, repeated: true, corrected: false, cancellationToken);
        }

        var latest = history[^1];
        if (takenOn < latest.TakenOn || (takenOn == latest.TakenOn && latest.Source is ReadingSource.Installation or ReadingSource.Removal))
        {
            throw new BusinessRuleException("reading_before_latest",
                "Лічильник {0} уже має показання на {1:dd.MM.yyyy} ({2}). Передайте показання, зняті пізніше.",
                meter.SerialNumber.Value, latest.TakenOn.ToDateOnly(), latest.Values.ToString());
        }

        // The same day again with other values corrects the newest reading: it is checked against the one before it.
        var correcting = takenOn == latest.TakenOn;
        var before = correcting ? history.Take(history.Count - 1).ToList() : history;
        var previous = before[^1];
        var average = ReadingRules.AverageDailyKwh(before.Select(r => new RegisterReading(r.TakenOn, r.Values)).ToList(), meter.Digits);
        var assessment = ReadingRules.Assess(new RegisterReading(previous.TakenOn, previous.Values), takenOn, values, meter.Digits, average, confirm,
            options.Value);
        var now = clock.GetCurrentInstant();
        var confirmed = confirm && (assessment.RolledOver || assessment.Unusual);
        if (correcting)
        {
            latest.Correct(meter, values, source, confirmed, now, caller);
        }
        else
        {
            history.Add(MeterReading.Take(meter, takenOn, values, source, confirmed, now, caller));
            db.Add(history[^1]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await AnswerAsync(account, meter, history, history.Count - 1, assessment.RolledOver, repeated: false, correcting, cancellationToken);
    }

    private async Task<SubmittedReading> AnswerAsync(AccountNumber account, Meter meter, List<MeterReading> history, int index, bool rolledOver, bool repeated,
        bool corrected, CancellationToken cancellationToken)
    {
        var reading = history[index];
        var previous = index > 0 ? history[index - 1] : reading;
        var consumption = ReadingRules.Consumption(previous.Values, reading.Values, meter.Digits);
        var record = new ReadingRecord(reading.Id, MeterReadings.Summary(meter), reading.TakenOn, reading.Period, reading.EndOfPeriod, reading.Source,
            reading.Confirmed, reading.Values, consumption, reading.SubmittedAt);
        var expected = await costs.ExpectedAmountAsync(account, reading.Period, meter.Scheme, consumption, cancellationToken);
        return new SubmittedReading(record, new RegisterReading(previous.TakenOn, previous.Values), expected, rolledOver, repeated, corrected);
    }
}
