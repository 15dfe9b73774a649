using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Telegram.Bot;
using Telegram.Bot.Types;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Chatbot;

/// <summary>
/// <c>POST /api/v1/telegram/webhook</c>: Telegram's pushes. The secret header is checked before the body is read; the
/// update is stored (once per <c>update_id</c>) and answered 200 at once — the bot's reply is sent afterwards by the
/// worker, so a slow database query or Bot API never makes Telegram resend.
/// </summary>
internal static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private const int MaxUpdateBytes = 256 * 1024;

    public static RouteGroupBuilder MapTelegramWebhook(this RouteGroupBuilder api)
    {
        api.MapPost("/telegram/webhook", ReceiveAsync).WithTags("Telegram").AllowAnonymous().DisableAntiforgery()
            .WithName("TelegramWebhook")
            .WithSummary("Telegram's updates (Bot API webhook with secret_token); 200 once stored, 401 without the secret");
        return api;
    }

    private static async Task<Results<Ok<WebhookAnswer>, NotFound>> ReceiveAsync(HttpRequest request, IOptionsMonitor<TelegramOptions> options,
        VidnovaDbContext db, IClock clock, TelegramUpdateSignal signal, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            return TypedResults.NotFound();
        }

        if (!SecretMatches(request.Headers[SecretHeader].ToString(), settings.WebhookSecret!))
        {
            throw new BusinessRuleException("telegram_secret_invalid", "Оновлення без правильного X-Telegram-Bot-Api-Secret-Token не приймаються.")
            { Category = RefusalCategory.Unauthenticated };
        }

        var body = await BodyAsync(request, cancellationToken);
        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            update = null;
        }

        if (update is null || update.Id <= 0)
        {
            throw new BusinessRuleException("telegram_update_unreadable", "Тіло запиту — не оновлення Telegram Bot API (JSON з update_id).")
            { Category = RefusalCategory.MalformedRequest };
        }

        if (await db.Set<TelegramUpdate>().AnyAsync(u => u.UpdateId == update.Id, cancellationToken))
        {
            return TypedResults.Ok(new WebhookAnswer(false));
        }

        db.Add(TelegramUpdate.Receive(update.Id, TelegramConversation.ChatOf(update), Encoding.UTF8.GetString(body), clock.GetCurrentInstant()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsLostRace())
        {
            // Telegram resent it while the first copy was being stored: that copy stands.
            return TypedResults.Ok(new WebhookAnswer(false));
        }

        signal.Notify();
        return TypedResults.Ok(new WebhookAnswer(true));
    }

    /// <summary>Compared in constant time, so the secret cannot be guessed a character at a time from response times.</summary>
    private static bool SecretMatches(string sent, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));

    private static async Task<byte[]> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxUpdateBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxUpdateBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BusinessRuleException TooLarge() =>
        new("telegram_update_too_large", "Оновлення Telegram завелике.") { Category = RefusalCategory.TooLarge };
}

/// <param name="Recorded">False when this update_id was received before (Telegram resending it).</param>
internal sealed record WebhookAnswer(bool Recorded);
