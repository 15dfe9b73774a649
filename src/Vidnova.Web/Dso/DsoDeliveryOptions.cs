namespace Vidnova.Dso;

/// <summary>Configuration section <c>Dso:Delivery</c>.</summary>
internal sealed class DsoDeliveryOptions
{
    public const string Section = "Dso:Delivery";

    /// <summary>
    /// Whether this instance delivers at all. False leaves the queue to other instances (or to a later start):
    /// nothing is lost, requests wait in <c>dso_deliveries</c>.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Attempts (each with its own HTTP retries) before a delivery is dead-lettered for staff.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed attempt; it doubles each time (with jitter) up to <see cref="MaxDelaySeconds"/>.</summary>
    public double BaseDelaySeconds { get; set; } = 30;

    public double MaxDelaySeconds { get; set; } = 3600;

    /// <summary>How often the queue is checked when nothing wakes it earlier.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Quick retries of one HTTP call on a transient failure (5xx, 408, 429, network), inside one attempt.</summary>
    public int HttpRetries { get; set; } = 2;

    /// <summary>The first quick retry waits this long, then doubling with jitter.</summary>
    public double HttpRetryDelaySeconds { get; set; } = 1;

    /// <summary>
    /// How many DSOs are delivered to at once by one instance, each in a lane of its own: a DSO that hangs until the
    /// timeout holds up only its own lane.
    /// </summary>
    public int MaxParallelDsos { get; set; } = 8;

    /// <summary>
    /// The claim lease on a delivery. The instance renews it every third of this while it works, so one attempt may
    /// take longer; a crashed instance's deliveries are taken over by another once it lapses.
    /// </summary>
    public double ClaimLeaseSeconds { get; set; } = 30;

    /// <summary>How long the DSO has to answer one HTTP call.</summary>
    public double HttpTimeoutSeconds { get; set; } = 10;

    /// <summary>How far the timestamp of a DSO's callback may lie from our clock (replay window).</summary>
    public double CallbackToleranceSeconds { get; set; } = 300;

    /// <summary>
    /// How far a DSO's clock may be off ours: an event's <c>occurredAt</c> may lie this much before the request was
    /// issued to the DSO, or after our now, and no further (docs/dso-protocol.md).
    /// </summary>
    public double EventClockSkewSeconds { get; set; } = 300;
}
