using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Vidnova.Chatbot;

/// <summary>What the bot is waiting for in a chat: the next meter zone, a confirmation, a phone number, a receipt, a number and code.</summary>
internal enum DialogStep
{
    ReadingValue,
    ReadingConfirmation,
    Phone,
    Receipt,
}

/// <summary>
/// One question the bot asked and waits to have answered: for a reading, the account, its meter's zones and the values
/// typed so far; for a receipt, the application it is for. A new command replaces it.
/// </summary>
internal sealed record ChatDialog(DialogStep Step, string? Account = null, IReadOnlyList<string>? Zones = null,
    IReadOnlyDictionary<string, decimal>? Values = null, Guid? Application = null)
{
    /// <summary>The first zone of the meter not typed yet; null when every zone has its value.</summary>
    public string? NextZone => Zones?.FirstOrDefault(z => Values is null || !Values.ContainsKey(z));

    public ChatDialog With(string zone, decimal value) =>
        this with { Values = new Dictionary<string, decimal>(Values ?? new Dictionary<string, decimal>()) { [zone] = value } };
}

/// <summary>An inline button: it presses <paramref name="Data"/> back to the bot, or opens <paramref name="Url"/>.</summary>
internal sealed record ReplyButton(string Label, string? Data = null, string? Url = null);

/// <summary>
/// One message of the bot's answer, as planned before it is sent: a text with inline buttons, a request for the
/// phone's contact, or a bill's PDF (rendered when sent, <paramref name="BillAccount"/> and <paramref name="BillPeriod"/>).
/// </summary>
internal sealed record PlannedReply(string Text, IReadOnlyList<IReadOnlyList<ReplyButton>>? Buttons = null, string? ContactButton = null,
    bool RemoveKeyboard = false, string? BillAccount = null, string? BillPeriod = null);

/// <summary>
/// A chat's side of the conversation, connected or not: the question it is answering (<see cref="ChatDialog"/>), and
/// how many wrong application numbers and codes it sent in the last hour, which limits guessing (issue 15: a chat not
/// connected checks an application by its number and the email's code, rate limited). Kept in the database, so any
/// instance answers the next message.
/// </summary>
internal sealed class TelegramChatState
{
    public const int MaxFailedLookupsPerHour = 5;

    private TelegramChatState(long chatId) => ChatId = chatId;

    public long ChatId { get; private set; }

    public string? DialogJson { get; private set; }

    public int FailedLookups { get; private set; }

    public Instant? FailedLookupsSince { get; private set; }

    public Instant UpdatedAt { get; private set; }

    /// <summary>The newest update whose answer was worked out (and its state change saved); its replies are <see cref="RepliesJson"/>.</summary>
    public long? HandledUpdateId { get; private set; }

    /// <summary>The answer to <see cref="HandledUpdateId"/>, saved before it is sent, so a retry sends it rather than working it out again.</summary>
    public string? RepliesJson { get; private set; }

    /// <summary>How many of those replies Telegram took; a retry goes on from the next one.</summary>
    public int RepliesSent { get; private set; }

    public IReadOnlyList<PlannedReply> Replies => RepliesJson is null ? [] : JsonSerializer.Deserialize<List<PlannedReply>>(RepliesJson)!;

    public void Answered(long updateId, IReadOnlyList<PlannedReply> replies, Instant now)
    {
        HandledUpdateId = updateId;
        RepliesJson = JsonSerializer.Serialize(replies);
        RepliesSent = 0;
        UpdatedAt = now;
    }

    public void ReplySent() => RepliesSent++;

    public ChatDialog? Dialog => DialogJson is null ? null : JsonSerializer.Deserialize<ChatDialog>(DialogJson);

    public static TelegramChatState Start(long chatId, Instant now) => new(chatId) { UpdatedAt = now };

    public void Ask(ChatDialog? dialog, Instant now)
    {
        DialogJson = dialog is null ? null : JsonSerializer.Serialize(dialog);
        UpdatedAt = now;
    }

    /// <summary>Whether another number and code may be tried now: fewer than <see cref="MaxFailedLookupsPerHour"/> wrong ones in the hour.</summary>
    public bool MayLookUp(Instant now) => FailedLookupsSince is not { } since || now - since >= Duration.FromHours(1) || FailedLookups < MaxFailedLookupsPerHour;

    /// <summary>When the next try is allowed after the limit was reached.</summary>
    public Instant NextLookupAt => (FailedLookupsSince ?? Instant.MinValue) + Duration.FromHours(1);

    public void LookupFailed(Instant now)
    {
        if (FailedLookupsSince is not { } since || now - since >= Duration.FromHours(1))
        {
            FailedLookupsSince = now;
            FailedLookups = 0;
        }

        FailedLookups++;
        UpdatedAt = now;
    }
}

internal sealed class TelegramChatStateConfiguration : IEntityTypeConfiguration<TelegramChatState>
{
    public void Configure(EntityTypeBuilder<TelegramChatState> builder)
    {
        builder.ToTable("telegram_chat_states");
        builder.HasKey(s => s.ChatId);
        builder.Property(s => s.ChatId).ValueGeneratedNever();
        builder.Property(s => s.DialogJson).HasMaxLength(2000);
        builder.Ignore(s => s.Dialog);
        builder.Ignore(s => s.Replies);
        builder.Ignore(s => s.NextLookupAt);
    }
}
