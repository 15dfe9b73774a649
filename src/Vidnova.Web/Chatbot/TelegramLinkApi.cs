using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;

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

    private static async Task<Created<TelegramLinkResponse>> IssueAsync(ClaimsPrincipal user, TelegramLinks links, CancellationToken cancellationToken)
    {
        var link = await links.IssueAsync(CustomerPrincipal.RequiredLoginIdOf(user), cancellationToken);
        return TypedResults.Created((string?)null, new TelegramLinkResponse(link.Url, link.Token, link.ExpiresAt));
    }

    private static async Task<NoContent> UnlinkAsync(ClaimsPrincipal user, TelegramLinks links, CancellationToken cancellationToken)
    {
        await links.UnlinkAllAsync(CustomerPrincipal.RequiredLoginIdOf(user), cancellationToken);
        return TypedResults.NoContent();
    }
}

internal sealed record TelegramLinkResponse(string Url, string Token, Instant ExpiresAt);
