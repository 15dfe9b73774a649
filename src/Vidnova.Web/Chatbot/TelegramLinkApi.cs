using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Chatbot;

/// <summary>The cabinet's "Connect Telegram": a one-time deep link, and disconnecting every chat of the login.</summary>
internal static class TelegramLinkApi
{
    public static RouteGroupBuilder MapTelegramLinkApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/telegram-link").WithTags("Telegram").RequireAuthorization(AuthorizationPolicies.Customer);
        me.MapPost("/", IssueAsync).WithName("IssueTelegramLink")
            .WithSummary("A one-time deep link https://t.me/<bot>?start=<token> that connects the chat that opens it to this login");
        me.MapDelete("/", UnlinkAsync).WithName("UnlinkTelegram").WithSummary("Disconnects every Telegram chat of this login");
        return api;
    }

    private static async Task<Created<TelegramLinkResponse>> IssueAsync(ClaimsPrincipal user, VidnovaDbContext db, IClock clock,
        IOptionsMonitor<TelegramOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured || string.IsNullOrWhiteSpace(settings.BotUsername))
        {
            throw new BusinessRuleException("telegram_not_configured", "Telegram-бот ще не налаштований у цього постачальника.");
        }

        var now = clock.GetCurrentInstant();
        // 32 URL-safe characters: Telegram's start parameter allows A-Z, a-z, 0-9, _ and - up to 64.
        var token = SecretTokens.NewAccessToken();
        var issued = TelegramLinkToken.Issue(SecretTokens.Hash(token), CustomerPrincipal.RequiredLoginIdOf(user), now,
            Duration.FromMinutes(Math.Max(1, settings.LinkTokenMinutes)));
        db.Add(issued);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created((string?)null, new TelegramLinkResponse($"https://t.me/{settings.BotUsername}?start={token}", token, issued.ExpiresAt));
    }

    private static async Task<NoContent> UnlinkAsync(ClaimsPrincipal user, VidnovaDbContext db, CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(user);
        await db.Set<TelegramChat>().Where(c => c.LoginId == loginId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

internal sealed record TelegramLinkResponse(string Url, string Token, Instant ExpiresAt);
