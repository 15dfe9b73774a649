using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Restoration.DsoEvents;

public enum DsoEventType
{
    Received,
    Completed,
    Rejected,
}

public sealed record DsoEventCommand(Guid RequestId, string? Type, Instant? OccurredAt, string? Reason);

/// <summary>A DSO reports on a restoration request it owns: acknowledged, reconnected or refused.</summary>
public sealed class RecordDsoEvent(
    VidnovaDbContext db, IClock clock, CalendarStore calendars, CustomerEmails emails, OutboxSignal outbox, IOptionsMonitor<DsoDeliveryOptions> options)
{
    /// <summary>Records the event in a unit of work of its own, run again on fresh rows when a concurrent report won the race.</summary>
    public Task<RestorationApplication> HandleAsync(DsoCode dso, DsoEventCommand command, CancellationToken cancellationToken) =>
        db.RetryOnLostRaceAsync(() => ApplyAsync(dso, command, cancellationToken));

    /// <summary>One try: loads, applies and saves together with whatever the caller already added to the unit of work.</summary>
    public async Task<RestorationApplication> ApplyAsync(DsoCode dso, DsoEventCommand command, CancellationToken cancellationToken)
    {
        var type = Validate(command);
        var occurredAt = command.OccurredAt!.Value;
        var application = await db.Set<RestorationApplication>()
            .SingleOrDefaultAsync(a => a.DsoRequest!.Id == command.RequestId && a.DsoCode == dso, cancellationToken)
            ?? throw new NotFoundException("dso_request_not_found", "Запит на відновлення {0} не знайдено серед запитів вашого ОСР.", command.RequestId);

        var now = clock.GetCurrentInstant();
        CheckOccurredAt(occurredAt, application.DsoRequest!, now);
        var actor = Actors.Dso(dso);
        switch (type)
        {
            case DsoEventType.Received:
                var calendar = await calendars.LoadAsync(cancellationToken);
                if (application.DsoAcknowledged(occurredAt, RestorationDeadline.For(occurredAt, application.Settlement, calendar), actor, now))
                {
                    db.Add(emails.DsoAcknowledged(application, now));
                }

                break;
            case DsoEventType.Completed:
                application.DsoCompleted(occurredAt, actor, now);
                var account = await db.Set<CustomerAccount>().SingleAsync(a => a.Number == application.AccountNumber, cancellationToken);
                account.SetSupplyStatus(SupplyStatus.Connected);
                db.Add(emails.Restored(application, now));
                break;
            case DsoEventType.Rejected:
                application.DsoRejected(occurredAt, command.Reason ?? "", actor, now);
                db.Add(emails.DsoRejected(application, now));
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return application;
    }

    /// <summary>
    /// Nothing can happen to a request before the DSO could know of it, nor later than now. The earliest sound
    /// instant is when the request was issued (approval): a pull DSO lists it from then on, and a push DSO may
    /// already have received an attempt we recorded as failed (a timeout after it arrived), so our "delivered"
    /// mark would be too late a bound. Both ends allow the configured clock skew. A date outside (e.g. 0001-01-01)
    /// would make a nonsense SLA deadline.
    /// </summary>
    private void CheckOccurredAt(Instant occurredAt, DsoRequest request, Instant now)
    {
        var skew = Duration.FromSeconds(Math.Max(0, options.CurrentValue.EventClockSkewSeconds));
        if (occurredAt < request.CreatedAt - skew)
        {
            throw new BusinessRuleException("occurred_at_before_request",
                "Час події {0:yyyy-MM-dd HH:mm:ss}Z раніший, ніж заявку передано ОСР ({1:yyyy-MM-dd HH:mm:ss}Z): вкажіть справжній час події (occurredAt) в UTC.",
                occurredAt.ToDateTimeUtc(), request.CreatedAt.ToDateTimeUtc())
            { Category = RefusalCategory.InvalidInput };
        }

        if (occurredAt > now + skew)
        {
            throw new BusinessRuleException("occurred_at_in_future",
                "Час події {0:yyyy-MM-dd HH:mm:ss}Z ще не настав: вкажіть справжній час події (occurredAt) в UTC і перевірте годинник вашої системи.",
                occurredAt.ToDateTimeUtc())
            { Category = RefusalCategory.InvalidInput };
        }
    }

    private static DsoEventType Validate(DsoEventCommand command)
    {
        var errors = new InputErrors();
        DsoEventType type = default;
        if (command.Type is not ("received" or "completed" or "rejected"))
        {
            errors.Add("type", "Тип події має бути received, completed або rejected.");
        }
        else
        {
            type = Enum.Parse<DsoEventType>(command.Type, ignoreCase: true);
        }

        if (command.OccurredAt is null)
        {
            errors.Add("occurredAt", "Вкажіть час події (occurredAt) як момент ISO 8601, наприклад 2026-11-25T09:30:00Z.");
        }

        errors.ThrowIfAny();
        return type;
    }
}
