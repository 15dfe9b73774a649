using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Vidnova.Dso.WorkOrders;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>
/// Writes what must reach a DSO into <c>dso_deliveries</c> in the caller's unit of work (the caller saves), so the
/// request is never lost between the state change and the delivery. A DSO on the pull channel gets no row: it
/// lists its pending orders through the API. Webhook and email DSOs get the same body.
/// </summary>
internal sealed class DsoOutbox(VidnovaDbContext db, DsoDeliverySignal signal)
{
    internal static readonly JsonSerializerOptions PayloadJson =
        new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    /// <summary>
    /// Queues <paramref name="eventType"/> of <paramref name="order"/> for its DSO's channel; nothing for a DSO that
    /// pulls (it lists its orders through the API).
    /// </summary>
    public async Task<DsoDelivery?> EnqueueAsync(WorkOrder order, string eventType, Instant now, CancellationToken cancellationToken)
    {
        var dso = await db.Set<DistributionOperator>().AsNoTracking().SingleAsync(d => d.Code == order.DsoCode, cancellationToken);
        if (dso.ChannelType == DsoChannelType.Pull)
        {
            return null;
        }

        var payload = new DsoEventPayload(eventType, dso.Code.Value, DsoRequestItem.From(order));
        var delivery = DsoDelivery.Create(order.Id, dso.Code, eventType, JsonSerializer.Serialize(payload, PayloadJson), now);
        db.Add(delivery);
        return delivery;
    }

    /// <summary>Call after the unit of work committed, so the dispatcher does not wait for its next poll.</summary>
    public void Notify() => signal.Notify();
}

/// <summary>The body of every message to a DSO, by webhook or as an email's JSON attachment (see docs/dso-protocol.md).</summary>
internal sealed record DsoEventPayload(string EventType, string DsoCode, DsoRequestItem Request);
