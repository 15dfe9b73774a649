using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Chatbot;

/// <summary>What the cabinet's home may know of the bot: whether there is one, and whether the login has connected a chat.</summary>
public interface ITelegramConnections
{
    bool IsAvailable { get; }

    Task<bool> IsConnectedAsync(Guid loginId, CancellationToken cancellationToken);
}

/// <summary>A one-time deep link that connects the chat opening it to a login.</summary>
internal sealed record TelegramDeepLink(string Url, string Token, Instant ExpiresAt);

/// <summary>
/// Connecting and disconnecting a login's chats, for <c>/api/v1/me/telegram-link</c> and the cabinet's page alike:
/// a token of 32 URL-safe characters (Telegram's start parameter allows <c>A-Z a-z 0-9 _ -</c> up to 64), kept hashed.
/// </summary>
internal sealed class TelegramLinks(VidnovaDbContext db, IClock clock, IOptionsMonitor<TelegramOptions> options) : ITelegramConnections
{
    public bool IsAvailable => options.CurrentValue is { IsConfigured: true, BotUsername: { Length: > 0 } };

    public Task<bool> IsConnectedAsync(Guid loginId, CancellationToken cancellationToken) =>
        db.Set<TelegramChat>().AnyAsync(c => c.LoginId == loginId, cancellationToken);

    public async Task<TelegramDeepLink> IssueAsync(Guid loginId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!IsAvailable)
        {
            throw new BusinessRuleException("telegram_not_configured", "Telegram-бот ще не налаштований у цього постачальника.");
        }

        var token = SecretTokens.NewAccessToken();
        var issued = TelegramLinkToken.Issue(SecretTokens.Hash(token), loginId, clock.GetCurrentInstant(), Duration.FromMinutes(Math.Max(1, settings.LinkTokenMinutes)));
        db.Add(issued);
        await db.SaveChangesAsync(cancellationToken);
        return new TelegramDeepLink($"https://t.me/{settings.BotUsername}?start={token}", token, issued.ExpiresAt);
    }

    public Task UnlinkAllAsync(Guid loginId, CancellationToken cancellationToken) =>
        db.Set<TelegramChat>().Where(c => c.LoginId == loginId).ExecuteDeleteAsync(cancellationToken);
}
