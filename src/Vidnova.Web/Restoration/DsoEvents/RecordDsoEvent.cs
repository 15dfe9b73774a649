using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Dso;
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
public sealed class RecordDsoEvent(VidnovaDbContext db, IClock clock, CalendarStore calendars, CustomerEmails emails, OutboxSignal outbox)
{
    public async Task<RestorationApplication> HandleAsync(DsoCode dso, DsoEventCommand command, CancellationToken cancellationToken)
    {
        var type = Validate(command);
        var occurredAt = command.OccurredAt!.Value;
        var application = await db.Set<RestorationApplication>()
            .SingleOrDefaultAsync(a => a.DsoRequest!.Id == command.RequestId && a.DsoCode == dso, cancellationToken)
            ?? throw new NotFoundException("dso_request_not_found", "Запит на відновлення {0} не знайдено серед запитів вашого ОСР.", command.RequestId);

        var now = clock.GetCurrentInstant();
        if (occurredAt > now + Duration.FromMinutes(5))
        {
            throw new InputValidationException([new FieldError("occurredAt", "Час події не може бути в майбутньому.")]);
        }

        var actor = Actors.Dso(dso);
        switch (type)
        {
            case DsoEventType.Received:
                var calendar = await calendars.LoadAsync(cancellationToken);
                application.DsoAcknowledged(occurredAt, RestorationDeadline.For(occurredAt, application.Settlement, calendar), actor, now);
                db.Add(emails.DsoAcknowledged(application, now));
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
