using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Outbox;

/// <summary>
/// What <see cref="OutboxWorker{TRow}"/> needs to know about one kind of outbox row: which rows are due, in which
/// lanes, and how one row is delivered. Everything else (claims and their heartbeat, lanes, wake-ups, shutdown) is the
/// worker's, the same for every kind.
/// </summary>
/// <typeparam name="TRow">The row delivered, e.g. an email or a message to a DSO.</typeparam>
public interface IOutboxChannel<TRow>
{
    /// <summary>How this kind is named in the log ("email", "DSO delivery").</summary>
    string Name { get; }

    OutboxWakeUp Signal { get; }

    /// <summary>Read on every pass, so a change of configuration applies without a restart.</summary>
    OutboxSchedule Schedule { get; }

    /// <summary>The claims of this kind's table (see <see cref="LeaseClaims"/>).</summary>
    LeaseClaims Claims(VidnovaDbContext db);

    /// <summary>
    /// The lanes with rows due now and claimed by no one, not in <paramref name="busy"/>, the longest-waiting first.
    /// Rows of one lane go out one after another; lanes run in parallel (a DSO each, or one lane for all mail).
    /// </summary>
    Task<IReadOnlyList<string>> DueLanesAsync(VidnovaDbContext db, IReadOnlyCollection<string> busy, int limit, Instant now,
        CancellationToken cancellationToken);

    /// <summary>Claims a batch of one lane's due rows for <paramref name="owner"/>, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ClaimAsync(VidnovaDbContext db, string lane, string owner, Instant now, Duration lease, int batchSize,
        CancellationToken cancellationToken);

    /// <summary>
    /// The claimed rows, oldest first, each as the attempt to deliver it: the attempt records its outcome on the row
    /// (tracked by <paramref name="db"/>, which the worker saves after each one) and never throws for a failed delivery.
    /// </summary>
    Task<IReadOnlyList<OutboxAttempt>> PrepareAsync(VidnovaDbContext db, string lane, IReadOnlyList<Guid> claimed,
        CancellationToken cancellationToken);
}

/// <summary>One claimed row and the attempt to deliver it.</summary>
public sealed record OutboxAttempt(Guid Id, Func<CancellationToken, Task> RunAsync);

/// <param name="Enabled">False leaves the rows to other instances; nothing is lost.</param>
/// <param name="PollInterval">How often the table is checked when nothing wakes the worker earlier.</param>
/// <param name="Lease">The claim lease, renewed every third of it while a row is in flight.</param>
/// <param name="MaxLanes">How many lanes one instance runs at once.</param>
public sealed record OutboxSchedule(bool Enabled, TimeSpan PollInterval, Duration Lease, int MaxLanes);
