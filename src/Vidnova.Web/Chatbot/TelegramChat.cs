using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Vidnova.Chatbot;

/// <summary>A Telegram chat connected to a customer login through a cabinet's one-time deep link; one login per chat.</summary>
internal sealed class TelegramChat
{
    private TelegramChat(long chatId, Guid loginId, Instant linkedAt)
    {
        ChatId = chatId;
        LoginId = loginId;
        LinkedAt = linkedAt;
    }

    public long ChatId { get; private set; }

    public Guid LoginId { get; private set; }

    public Instant LinkedAt { get; private set; }

    public static TelegramChat Link(long chatId, Guid loginId, Instant now) => new(chatId, loginId, now);

    /// <summary>The chat is connected again, perhaps by another login (a family's shared phone): the newest link wins.</summary>
    public void Relink(Guid loginId, Instant now)
    {
        LoginId = loginId;
        LinkedAt = now;
    }
}

/// <summary>
/// The one-time token of a cabinet's "Connect Telegram" deep link: stored hashed, valid for
/// <c>Telegram:LinkTokenMinutes</c>, spent by the first <c>/start</c> that brings it.
/// </summary>
internal sealed class TelegramLinkToken
{
    private TelegramLinkToken(Guid id, string tokenHash, Guid loginId, Instant createdAt, Instant expiresAt)
    {
        Id = id;
        TokenHash = tokenHash;
        LoginId = loginId;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public string TokenHash { get; private set; }

    public Guid LoginId { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant ExpiresAt { get; private set; }

    public Instant? UsedAt { get; private set; }

    public long? UsedByChatId { get; private set; }

    public static TelegramLinkToken Issue(string tokenHash, Guid loginId, Instant now, Duration validFor) =>
        new(Guid.NewGuid(), tokenHash, loginId, now, now + validFor);

    /// <summary>Spends the token for <paramref name="chatId"/>; false when it expired or was spent before (a disconnected chat cannot reconnect with it).</summary>
    public bool Spend(long chatId, Instant now)
    {
        if (UsedAt is not null || now >= ExpiresAt)
        {
            return false;
        }

        UsedAt = now;
        UsedByChatId = chatId;
        return true;
    }
}

internal sealed class TelegramChatConfiguration : IEntityTypeConfiguration<TelegramChat>
{
    public void Configure(EntityTypeBuilder<TelegramChat> builder)
    {
        builder.ToTable("telegram_chats");
        builder.HasKey(c => c.ChatId);
        builder.Property(c => c.ChatId).ValueGeneratedNever();
        builder.HasIndex(c => c.LoginId);
    }
}

internal sealed class TelegramLinkTokenConfiguration : IEntityTypeConfiguration<TelegramLinkToken>
{
    public void Configure(EntityTypeBuilder<TelegramLinkToken> builder)
    {
        builder.ToTable("telegram_link_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.LoginId);
    }
}
