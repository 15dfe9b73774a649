using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Chatbot;

/// <summary>
/// An update Telegram pushed to the webhook, stored before the 200 so that nothing is lost and handled afterwards by
/// <see cref="TelegramUpdatesChannel"/>: Telegram resends an update until it gets a 200, and the unique
/// <see cref="UpdateId"/> makes every resend a no-op. The updates of one chat are handled in order (one lane per chat).
/// </summary>
internal sealed class TelegramUpdate
{
    private TelegramUpdate(Guid id, long updateId, long chatId, string payload, Instant createdAt)
    {
        Id = id;
        UpdateId = updateId;
        ChatId = chatId;
        Payload = payload;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>Telegram's <c>update_id</c>: unique, so a resent update is stored once.</summary>
    public long UpdateId { get; private set; }

    public long ChatId { get; private set; }

    /// <summary>The update's JSON as Telegram sent it.</summary>
    public string Payload { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public Instant? ProcessedAt { get; private set; }

    public Instant? DeadLetteredAt { get; private set; }

    public string? LastError { get; private set; }

    public string? ClaimedBy { get; private set; }

    public Instant? ClaimedUntil { get; private set; }

    public static TelegramUpdate Receive(long updateId, long chatId, string payload, Instant now) => new(Guid.NewGuid(), updateId, chatId, payload, now);

    public void Processed(Instant at)
    {
        Attempts++;
        ProcessedAt = at;
        LastError = null;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    /// <summary>A failed attempt (the Bot API down, a 429): due again after <paramref name="retryAfter"/>, set aside after the last one.</summary>
    public void Failed(string error, Instant at, int maxAttempts, Duration retryAfter)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= maxAttempts)
        {
            DeadLetteredAt = at;
        }
        else
        {
            NextAttemptAt = at + retryAfter;
        }

        ClaimedBy = null;
        ClaimedUntil = null;
    }
}

/// <summary>Claims received, unhandled updates of one chat for one worker (see <see cref="LeaseClaims"/>).</summary>
internal sealed class TelegramUpdateClaims(VidnovaDbContext db)
    : LeaseClaims(db, "telegram_updates", "\"ProcessedAt\" IS NULL AND \"DeadLetteredAt\" IS NULL")
{
    public Task<IReadOnlyList<Guid>> ClaimDueAsync(string owner, Instant now, Duration lease, int batchSize, long chatId, CancellationToken cancellationToken) =>
        ClaimDueAsync(owner, now, lease, batchSize, ("ChatId", chatId), cancellationToken);
}

internal sealed class TelegramUpdateConfiguration : IEntityTypeConfiguration<TelegramUpdate>
{
    public void Configure(EntityTypeBuilder<TelegramUpdate> builder)
    {
        builder.ToTable("telegram_updates");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.HasIndex(u => u.UpdateId).IsUnique();
        builder.HasIndex(u => new { u.ChatId, u.CreatedAt });
        builder.Property(u => u.LastError).HasMaxLength(1000);
        builder.Property(u => u.ClaimedBy).HasMaxLength(200);
    }
}
