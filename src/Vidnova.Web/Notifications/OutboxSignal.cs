using Vidnova.Outbox;

namespace Vidnova.Notifications;

/// <summary>Lets a request that just committed notifications wake their <see cref="OutboxWorker{TRow}"/> instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : OutboxWakeUp;
