namespace Vidnova.Chatbot;

/// <summary>
/// Configuration section <c>Telegram</c>: the bot Vidnova answers as. Without a <see cref="BotToken"/> the bot is off:
/// the webhook answers 404 and the cabinet offers no link.
/// </summary>
internal sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The token @BotFather gave (<c>123456:ABC…</c>); a secret.</summary>
    public string? BotToken { get; set; }

    /// <summary>The bot's username without the @, for the deep links <c>https://t.me/&lt;username&gt;?start=…</c>.</summary>
    public string BotUsername { get; set; } = "";

    /// <summary>The Bot API's address: Telegram's by default, the stand-in's in tests and the demo.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>The <c>secret_token</c> given to <c>setWebhook</c>: an update without it in <c>X-Telegram-Bot-Api-Secret-Token</c> is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long a cabinet's deep link may be used to connect a chat.</summary>
    public int LinkTokenMinutes { get; set; } = 15;

    /// <summary>How often (seconds) the received updates are looked for when nothing wakes the worker earlier.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Attempts at handling one update before it is set aside for staff (a bug, not the customer's fault).</summary>
    public int MaxAttempts { get; set; } = 5;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BotToken) && !string.IsNullOrWhiteSpace(WebhookSecret);
}
