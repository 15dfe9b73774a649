using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Readings;

public sealed record InstallMeterCommand(
    [Text(MeterSerialNumber.MaxLength)] string? SerialNumber,
    int? Zones,
    int? Digits,
    [Text(10)] string? InstalledOn,
    Dictionary<string, decimal>? Readings,
    Dictionary<string, decimal>? FinalReadings);

/// <summary>
/// Installs an account's meter, or replaces it: the old meter is closed on the new one's installation day with its
/// final readings, which the next bill counts. The same meter sent again changes nothing.
/// </summary>
public sealed class InstallMeter(VidnovaDbContext db, IPersonalAccounts accounts, IClock clock)
{
    public async Task<(Meter Meter, bool Changed)> HandleAsync(string? accountNumberText, InstallMeterCommand command, string caller,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (!AccountNumber.TryParse(accountNumberText, out var number))
        {
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
        }

        if (!MeterSerialNumber.TryParse(command.SerialNumber, out var serial))
        {
            errors.Add("serialNumber", "Заводський номер лічильника — від 1 до 32 латинських літер, цифр або дефісів.");
        }

        if (command.Zones is not { } zoneCount || !ZoneScheme.TryOf(zoneCount, out var scheme))
        {
            errors.Add("zones", "Кількість зон лічильника: 1, 2 або 3.");
            scheme = null;
        }

        if (command.Digits is not (>= Meter.MinDigits and <= Meter.MaxDigits))
        {
            errors.Add("digits", "Кількість розрядів лічильника (цифр до коми) — від {0} до {1}.", Meter.MinDigits, Meter.MaxDigits);
        }

        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        var installedOn = LocalDatePattern.Iso.Parse(command.InstalledOn ?? "");
        if (!installedOn.Success || installedOn.Value.Year < 2000)
        {
            errors.Add("installedOn", "Дата встановлення — у форматі РРРР-ММ-ДД, наприклад 2026-11-20.");
        }
        else if (installedOn.Value > today)
        {
            errors.Add("installedOn", "Дата встановлення не може бути в майбутньому.");
        }

        var digits = command.Digits is (>= Meter.MinDigits and <= Meter.MaxDigits) ? command.Digits : null;
        var readings = ZoneValuesInput.Read(command.Readings, "readings", digits, errors, out var unknown);
        if (scheme is { } s && readings is not null && (unknown.Count > 0 || !s.Matches(readings.Zones)))
        {
            errors.Add("readings", "Лічильник з {0} зонами має показання саме цих зон: {1}.", s.Count, string.Join(", ", s.Zones.Select(MeterZoneNames.Of)));
        }

        errors.ThrowIfAny();
        var account = number!.Value;
        if (!await accounts.ExistsAsync(account, cancellationToken))
        {
            throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", account.Value);
        }

        return await db.RetryOnLostRaceAsync(() => SaveAsync(account, serial!.Value, scheme!.Value, digits!.Value, installedOn.Value, readings!, command, caller,
            cancellationToken));
    }

    private async Task<(Meter Meter, bool Changed)> SaveAsync(AccountNumber account, MeterSerialNumber serial, ZoneScheme scheme, int digits,
        LocalDate installedOn, ZoneKwh readings, InstallMeterCommand command, string caller, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var current = await db.Set<Meter>().SingleOrDefaultAsync(m => m.AccountNumber == account && m.RemovedOn == null, cancellationToken);
        if (current is not null && current.SerialNumber == serial)
        {
            var installation = await db.Set<MeterReading>().AsNoTracking()
                .SingleAsync(r => r.MeterId == current.Id && r.Source == ReadingSource.Installation, cancellationToken);
            if (current.IsSameInstallation(serial, scheme, digits, installedOn) && installation.Values.Equals(readings))
            {
                return (current, false);
            }

            throw new BusinessRuleException("meter_already_installed",
                "Лічильник {0} уже встановлено на цьому рахунку з іншими даними ({1} зон, {2} розрядів, з {3:dd.MM.yyyy}). Новий лічильник надсилайте з його власним номером.",
                serial.Value, current.Zones, current.Digits, current.InstalledOn.ToDateOnly());
        }

        if (current is not null)
        {
            await CloseAsync(current, installedOn, command.FinalReadings, now, caller, cancellationToken);
        }
        else if (command.FinalReadings is not null)
        {
            var errors = new InputErrors();
            errors.Add("finalReadings", "На рахунку ще немає лічильника: finalReadings надсилають лише при заміні лічильника.");
            errors.ThrowIfAny();
        }

        var meter = Meter.Install(account, serial, scheme, digits, installedOn, now, caller);
        db.Add(meter);
        db.Add(MeterReading.Take(meter, installedOn, readings, ReadingSource.Installation, confirmed: false, now, caller));
        await db.SaveChangesAsync(cancellationToken);
        return (meter, true);
    }

    /// <summary>Closes the replaced meter on <paramref name="on"/> with its final readings, checked against its newest reading.</summary>
    private async Task CloseAsync(Meter old, LocalDate on, Dictionary<string, decimal>? finalValues, Instant now, string caller, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var final = ZoneValuesInput.Read(finalValues, "finalReadings", old.Digits, errors, out var unknown);
        if (final is not null && (unknown.Count > 0 || !old.Scheme.Matches(final.Zones)))
        {
            errors.Add("finalReadings", "Кінцеві показання знятого лічильника {0} — саме його зон: {1}.", old.SerialNumber.Value,
                string.Join(", ", old.Scheme.Zones.Select(MeterZoneNames.Of)));
        }

        errors.ThrowIfAny();
        var latest = await db.Set<MeterReading>().Where(r => r.MeterId == old.Id).OrderByDescending(r => r.TakenOn).FirstAsync(cancellationToken);
        if (on < latest.TakenOn)
        {
            throw new BusinessRuleException("replacement_before_last_reading",
                "Лічильник {0} має показання на {1:dd.MM.yyyy}, пізніше за дату встановлення нового ({2:dd.MM.yyyy}). Вкажіть правильну дату заміни.",
                old.SerialNumber.Value, latest.TakenOn.ToDateOnly(), on.ToDateOnly())
            { Category = RefusalCategory.InvalidInput };
        }

        var previous = latest.TakenOn == on
            ? await db.Set<MeterReading>().Where(r => r.MeterId == old.Id && r.TakenOn < on).OrderByDescending(r => r.TakenOn).FirstOrDefaultAsync(cancellationToken) ?? latest
            : latest;
        var below = final!.Values.Where(v => v.Value < previous.Values[v.Key]).Select(v => (KeyValuePair<MeterZone, Kwh>?)v).FirstOrDefault();
        if (below is { Key: var zone, Value: var value })
        {
            throw new BusinessRuleException("reading_below_previous",
                "Кінцеві показання зони {0} ({1}) менші за останні показання лічильника {2} ({3} на {4:dd.MM.yyyy}). Перевірте цифри.",
                MeterZoneNames.Of(zone), value.Value, old.SerialNumber.Value, previous.Values[zone].Value, previous.TakenOn.ToDateOnly())
            {
                Category = RefusalCategory.InvalidInput,
            };
        }

        old.Remove(on);
        if (latest.TakenOn == on && latest.Source != ReadingSource.Installation)
        {
            latest.Correct(old, final, ReadingSource.Removal, confirmed: false, now, caller);
        }
        else if (latest.TakenOn == on)
        {
            throw new BusinessRuleException("replacement_before_last_reading",
                "Лічильник {0} встановлено {1:dd.MM.yyyy}; новий не можна встановити того ж дня. Вкажіть правильну дату заміни.",
                old.SerialNumber.Value, on.ToDateOnly())
            { Category = RefusalCategory.InvalidInput };
        }
        else
        {
            db.Add(MeterReading.Take(old, on, final, ReadingSource.Removal, confirmed: false, now, caller));
        }
    }
}
