using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Vidnova.Localization;
using Vidnova.Problems;

namespace Vidnova.Chatbot;

/// <summary>
/// One update being answered: who writes (the chat, its login when connected), what the bot waits for in it, and the
/// replies it plans, in the user's language (the current UI culture, set from their Telegram's).
/// </summary>
internal sealed class ChatTurn(IStringLocalizer<SharedResource> localizer, long chatId, Guid? loginId, TelegramChatState state, Instant now)
{
    private readonly List<PlannedReply> _replies = [];

    public long ChatId { get; } = chatId;

    public Guid? LoginId { get; private set; } = loginId;

    public TelegramChatState State { get; } = state;

    public Instant Now { get; } = now;

    public ChatDialog? Dialog => State.Dialog;

    public IReadOnlyList<PlannedReply> Replies => _replies;

    /// <summary>The sentence in the user's language (the Ukrainian one is the key of its translation), arguments in their culture.</summary>
    public string T(string format, params object[] arguments)
    {
        var translated = localizer[format].Value;
        return arguments.Length == 0 ? translated : string.Format(CultureInfo.CurrentUICulture, translated, arguments);
    }

    public void Say(string text, params IReadOnlyList<ReplyButton>[] rows) => _replies.Add(new PlannedReply(text, rows.Length == 0 ? null : rows));

    /// <summary>A question answered by sharing the phone's contact (a reply keyboard with one button) or by typing.</summary>
    public void AskForContact(string text, string buttonLabel) => _replies.Add(new PlannedReply(text, ContactButton: buttonLabel));

    /// <summary>A text that also takes away the contact keyboard of an earlier question.</summary>
    public void SayAndCloseKeyboard(string text) => _replies.Add(new PlannedReply(text, RemoveKeyboard: true));

    public void SendBill(string account, string period, string caption) => _replies.Add(new PlannedReply(caption, BillAccount: account, BillPeriod: period));

    /// <summary>The chat was connected to a login by this update.</summary>
    public void Linked(Guid loginId) => LoginId = loginId;

    public void Ask(ChatDialog? dialog) => State.Ask(dialog, Now);

    /// <summary>A refusal of another capability, in the words its API would answer with (problem details' <c>detail</c>).</summary>
    public string Refusal(Exception refusal) => refusal switch
    {
        BusinessRuleException rule => T(rule.MessageFormat, [.. rule.Arguments]),
        NotFoundException missing => T(missing.MessageFormat, [.. missing.Arguments]),
        InputValidationException invalid => string.Join("\n", invalid.Errors.Select(e => T(e.MessageFormat, e.Arguments))),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal"),
    };

    public static bool IsRefusal(Exception exception) => exception is BusinessRuleException or NotFoundException or InputValidationException;
}
