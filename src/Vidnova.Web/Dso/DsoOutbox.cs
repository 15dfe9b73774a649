using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Vidnova.Accounts;
using Vidnova.Persistence;
using Vidnova.Restoration;

namespace Vidnova.Dso;

/// <summary>
/// Writes what must reach a DSO into <c>dso_deliveries</c> in the caller's unit of work (the caller saves), so the
/// request is never lost between the state change and the delivery. A DSO on the pull channel gets no row: it
/// lists its pending requests through the API. Webhook and email DSOs get the same body.
/// </summary>
public sealed class DsoOutbox(VidnovaDbContext db, DsoDeliverySignal signal)
{
    internal static readonly JsonSerializerOptions PayloadJson =
        new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    /// <summary>Queues the restoration request of <paramref name="application"/> (just approved) for its DSO's channel.</summary>
    public async Task<DsoDelivery?> EnqueueRestorationRequestAsync(RestorationApplication application, Instant now, CancellationToken cancellationToken)
    {
        var request = application.DsoRequest ?? throw new InvalidOperationException("The application has no DSO request yet.");
        var dso = await db.Set<DistributionOperator>().AsNoTracking().SingleAsync(d => d.Code == request.DsoCode, cancellationToken);
        if (dso.ChannelType == DsoChannelType.Pull)
        {
            return null;
        }

        return await EnqueueAsync(application, dso, DsoDelivery.RestorationRequested, now, cancellationToken);
    }

    /// <summary>Queues a reminder of the approaching deadline (see <c>Sla:Reminder</c>) for the DSO's channel.</summary>
    public async Task<DsoDelivery?> EnqueueReminderAsync(RestorationApplication application, Instant now, CancellationToken cancellationToken)
    {
        var request = application.DsoRequest ?? throw new InvalidOperationException("The application has no DSO request.");
        var dso = await db.Set<DistributionOperator>().AsNoTracking().SingleAsync(d => d.Code == request.DsoCode, cancellationToken);
        return dso.ChannelType == DsoChannelType.Pull ? null : await EnqueueAsync(application, dso, DsoDelivery.Reminder, now, cancellationToken);
    }

    private async Task<DsoDelivery> EnqueueAsync(RestorationApplication application, DistributionOperator dso, string eventType, Instant now, CancellationToken cancellationToken)
    {
        var account = await db.Set<PersonalAccount>().AsNoTracking().SingleAsync(a => a.Number == application.AccountNumber, cancellationToken);
        var payload = new DsoEventPayload(eventType, dso.Code.Value, DsoRequestItem.From(application, account));
        var delivery = DsoDelivery.Create(application.DsoRequest!.Id, dso.Code, eventType, JsonSerializer.Serialize(payload, PayloadJson), now);
        db.Add(delivery);
        return delivery;
    }

    /// <summary>Call after the unit of work committed, so the dispatcher does not wait for its next poll.</summary>
    public void Notify() => signal.Notify();
}

/// <summary>The body of every message to a DSO, by webhook or as an email's JSON attachment (see docs/dso-protocol.md).</summary>
public sealed record DsoEventPayload(string EventType, string DsoCode, DsoRequestItem Request);
