using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Vidnova.Outbox;
using Vidnova.Persistence;

namespace Vidnova.Chatbot;

/// <summary>Wakes the updates' worker when the webhook stored one.</summary>
internal sealed class TelegramUpdateSignal : OutboxWakeUp;

/// <summary>
/// Handles the stored updates through the same <see cref="OutboxWorker{TRow}"/> as the outboxes: claimed under a lease,
/// so an update is handled by one instance and a crashed instance's is taken over; one lane per chat, so a customer's
/// messages are answered in the order they were typed. A Bot API 429 waits its <c>retry_after</c>; other failures back off.
/// </summary>
internal sealed class TelegramUpdatesChannel(
    IServiceScopeFactory scopes, TelegramUpdateSignal signal, IClock clock, IOptionsMonitor<TelegramOptions> options, ILogger<TelegramUpdatesChannel> logger)
    : IOutboxChannel<TelegramUpdate>
{
    public string Name => "Telegram update";

    public OutboxWakeUp Signal => signal;

    public OutboxSchedule Schedule => new(options.CurrentValue.IsConfigured, TimeSpan.FromSeconds(Math.Max(0.2, options.CurrentValue.PollSeconds)),
        Duration.FromSeconds(60), 8);

    public LeaseClaims Claims(VidnovaDbContext db) => new TelegramUpdateClaims(db);

    public async Task<IReadOnlyList<string>> DueLanesAsync(VidnovaDbContext db, IReadOnlyCollection<string> busy, int limit, Instant now,
        CancellationToken cancellationToken)
    {
        var busyChats = busy.Select(long.Parse).ToList();
        var chats = await db.Set<TelegramUpdate>().AsNoTracking()
            .Where(u => u.ProcessedAt == null && u.DeadLetteredAt == null && u.NextAttemptAt <= now
                && (u.ClaimedUntil == null || u.ClaimedUntil < now) && !busyChats.Contains(u.ChatId))
            .GroupBy(u => u.ChatId)
            .OrderBy(g => g.Min(u => u.CreatedAt))
            .Select(g => g.Key)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. chats.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    public Task<IReadOnlyList<Guid>> ClaimAsync(VidnovaDbContext db, string lane, string owner, Instant now, Duration lease, int batchSize,
        CancellationToken cancellationToken) =>
        new TelegramUpdateClaims(db).ClaimDueAsync(owner, now, lease, batchSize, long.Parse(lane, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    public async Task<IReadOnlyList<OutboxAttempt>> PrepareAsync(VidnovaDbContext db, string lane, IReadOnlyList<Guid> claimed,
        CancellationToken cancellationToken)
    {
        var due = await db.Set<TelegramUpdate>().Where(u => claimed.Contains(u.Id)).ToListAsync(cancellationToken);
        return [.. due.OrderBy(u => u.UpdateId).Select(u => new OutboxAttempt(u.Id, ct => AttemptAsync(u, ct)))];
    }

    private async Task AttemptAsync(TelegramUpdate row, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        try
        {
            var update = JsonSerializer.Deserialize<Update>(row.Payload, JsonBotAPI.Options)!;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TelegramConversation>().HandleAsync(update, cancellationToken);
            row.Processed(clock.GetCurrentInstant());
        }
        catch (ApiRequestException tooMany) when (tooMany.ErrorCode == 429)
        {
            // Telegram's flood control: wait as long as it says, then answer (not counted against the update).
            var wait = Duration.FromSeconds(Math.Max(1, tooMany.Parameters?.RetryAfter ?? 5));
            row.Failed($"429: {tooMany.Message}", clock.GetCurrentInstant(), int.MaxValue, wait);
            logger.LogWarning("Telegram asked to wait {Wait} before answering chat {Chat}", wait, row.ChatId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var wait = Duration.FromSeconds(Math.Min(300, 5 * Math.Pow(2, row.Attempts)));
            row.Failed($"{exception.GetType().Name}: {exception.Message}", clock.GetCurrentInstant(), Math.Max(1, settings.MaxAttempts), wait);
            logger.LogWarning(exception, "Telegram update {UpdateId} of chat {Chat} failed (attempt {Attempts})", row.UpdateId, row.ChatId, row.Attempts);
        }
    }
}
