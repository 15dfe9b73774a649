using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Vidnova.Billing.Bills;
using Vidnova.Kernel;
using Vidnova.Localization;
using Vidnova.Persistence;

namespace Vidnova.Chatbot;

/// <summary>
/// What the bot answers to one update. <c>/start &lt;token&gt;</c> connects the chat to the cabinet login that made
/// the deep link; a connected chat works with its accounts (balance, pay, readings, bills, restoration, schedule); a
/// chat that is not connected may check an application by its number and code. In Ukrainian, or English when the
/// user's Telegram is in English.
/// </summary>
/// <remarks>
/// An update is answered at least once (its handling is retried when Telegram refused an answer), so the answer is
/// worked out once: the state change and the planned replies are saved together, then sent one by one; a retry sends
/// what is left of them. The capabilities it calls take a repeat as a repeat (the same reading, the same receipt file).
/// </remarks>
internal sealed class TelegramConversation(
    VidnovaDbContext db, IClock clock, ITelegramBotClient bot, IStringLocalizer<SharedResource> localizer, IBills bills,
    ChatAccounts accounts, ChatReadings readings, ChatRestoration restoration)
{
    public const string BalanceButton = "balance";
    public const string UnlinkButton = "unlink";
    public const string MenuButton = "menu";

    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var chatId = ChatOf(update);
        // Private chats only: connected in a group, every member would see the accounts and could pay or apply.
        var chatType = update.Message?.Chat.Type ?? update.CallbackQuery?.Message?.Chat.Type ?? ChatType.Private;
        if (chatId == 0 || (update.Message is null && update.CallbackQuery is null) || chatType != ChatType.Private)
        {
            return;
        }

        var english = (update.Message?.From ?? update.CallbackQuery?.From)?.LanguageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = english ? English : Ukrainian;
        var now = clock.GetCurrentInstant();
        var state = await db.Set<TelegramChatState>().SingleOrDefaultAsync(s => s.ChatId == chatId, cancellationToken);
        if (state is null)
        {
            state = TelegramChatState.Start(chatId, now);
            db.Add(state);
        }

        if (update.Id < state.HandledUpdateId)
        {
            // Answered before a newer one was: working it out again would act twice on what it asked.
            return;
        }

        if (update.Id > state.HandledUpdateId && state.RepliesSent < state.Replies.Count)
        {
            // The previous answer is not all sent yet (its update waits out a 429): this one waits its turn, in order.
            throw new InvalidOperationException($"Chat {chatId}: the answer to update {state.HandledUpdateId} is not sent yet.");
        }

        if (state.HandledUpdateId != update.Id)
        {
            if (update.CallbackQuery is { } pressed)
            {
                await AnswerButtonAsync(pressed, cancellationToken);
            }

            var chat = await db.Set<TelegramChat>().SingleOrDefaultAsync(c => c.ChatId == chatId, cancellationToken);
            var turn = new ChatTurn(localizer, chatId, chat?.LoginId, state, now);
            await AnswerAsync(update, chat, turn, cancellationToken);
            state.Answered(update.Id, turn.Replies, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await SendRepliesAsync(state, cancellationToken);
    }

    private async Task AnswerAsync(Update update, TelegramChat? chat, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (update.Message is { } message)
        {
            var words = (message.Text ?? "").Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var command = words.Length == 0 ? "" : words[0].Split('@')[0].ToLowerInvariant();
            if (command == "/start" && words.Length == 2)
            {
                await LinkAsync(words[1].Trim(), turn, cancellationToken);
                return;
            }

            if (chat is null)
            {
                await restoration.UnlinkedAsync(message.Text, command, turn, cancellationToken);
                return;
            }

            if ((message.Photo is { Length: > 0 } || message.Document is not null) && turn.Dialog is null or { Step: DialogStep.Receipt })
            {
                await restoration.ReceiptAsync(message, turn, cancellationToken);
                return;
            }

            if (message.Contact is { } contact && turn.Dialog is { Step: DialogStep.Phone })
            {
                await restoration.PhoneAsync(contact.PhoneNumber, turn, cancellationToken);
                return;
            }

            if (!command.StartsWith('/') && message.Text is { } answer && turn.Dialog is { } dialog)
            {
                await AnswerDialogAsync(dialog, answer.Trim(), turn, cancellationToken);
                return;
            }

            turn.Ask(null);
            await accounts.MenuAsync(turn, cancellationToken);
            return;
        }

        var data = update.CallbackQuery!.Data ?? "";
        if (chat is null)
        {
            await restoration.UnlinkedAsync(null, data, turn, cancellationToken);
            return;
        }

        await PressedAsync(chat, data, turn, cancellationToken);
    }

    private async Task AnswerDialogAsync(ChatDialog dialog, string answer, ChatTurn turn, CancellationToken cancellationToken)
    {
        switch (dialog.Step)
        {
            case DialogStep.ReadingValue or DialogStep.ReadingConfirmation:
                await readings.ValueAsync(dialog, answer, turn, cancellationToken);
                break;
            case DialogStep.Phone:
                await restoration.PhoneAsync(answer, turn, cancellationToken);
                break;
            default:
                turn.Ask(null);
                await accounts.MenuAsync(turn, cancellationToken);
                break;
        }
    }

    /// <summary>An inline button: <c>action</c> or <c>action:account[:argument]</c>.</summary>
    private async Task PressedAsync(TelegramChat chat, string data, ChatTurn turn, CancellationToken cancellationToken)
    {
        var parts = data.Split(':', 3);
        var argument = parts.Length == 3 ? parts[2] : null;
        if (parts[0] is not (ChatReadings.ConfirmButton or ChatReadings.RetypeButton))
        {
            turn.Ask(null);
        }

        if (parts.Length > 1 && !AccountNumber.TryParse(parts[1], out _))
        {
            await accounts.MenuAsync(turn, cancellationToken);
            return;
        }

        var account = parts.Length > 1 ? parts[1] : null;
        switch (parts[0])
        {
            case BalanceButton:
                await accounts.BalanceAsync(turn, cancellationToken);
                break;
            case UnlinkButton:
                db.Remove(chat);
                turn.Say(turn.T("Telegram відключено від кабінету. Підключити знову можна в особистому кабінеті."));
                break;
            case ChatAccounts.AccountButton when account is not null:
                await accounts.CardAsync(account, turn, cancellationToken);
                break;
            case ChatAccounts.PayButton when account is not null:
                await accounts.PayAsync(account, argument, turn, cancellationToken);
                break;
            case ChatAccounts.BillsButton when account is not null:
                await accounts.BillsAsync(account, turn, cancellationToken);
                break;
            case ChatAccounts.BillButton when account is not null && argument is not null:
                await accounts.BillAsync(account, argument, turn, cancellationToken);
                break;
            case ChatAccounts.ScheduleButton when account is not null:
                await accounts.ScheduleAsync(account, turn, cancellationToken);
                break;
            case ChatReadings.StartButton when account is not null:
                await readings.StartAsync(account, turn, cancellationToken);
                break;
            case ChatReadings.ConfirmButton or ChatReadings.RetypeButton:
                await readings.ConfirmationAsync(parts[0] == ChatReadings.ConfirmButton, turn, cancellationToken);
                break;
            case ChatRestoration.StatusButton when account is not null:
                await restoration.StatusAsync(account, turn, cancellationToken);
                break;
            case ChatRestoration.ApplyButton when account is not null:
                ChatRestoration.AskPhone(account, turn);
                break;
            case ChatRestoration.ReceiptButton when argument is not null && Guid.TryParseExact(argument, "N", out var application):
                ChatRestoration.AskReceipt(application, turn);
                break;
            default:
                await accounts.MenuAsync(turn, cancellationToken);
                break;
        }
    }

    private async Task LinkAsync(string token, ChatTurn turn, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.Hash(token);
        var issued = await db.Set<TelegramLinkToken>().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (issued is null || !issued.Spend(turn.ChatId, turn.Now))
        {
            turn.Say(turn.T("Посилання для підключення застаріле або вже використане. Створіть нове в особистому кабінеті — воно діє 15 хвилин."));
            return;
        }

        var chat = await db.Set<TelegramChat>().SingleOrDefaultAsync(c => c.ChatId == turn.ChatId, cancellationToken);
        if (chat is null)
        {
            db.Add(TelegramChat.Link(turn.ChatId, issued.LoginId, turn.Now));
        }
        else
        {
            chat.Relink(issued.LoginId, turn.Now);
        }

        turn.Ask(null);
        turn.Linked(issued.LoginId);
        await accounts.MenuAsync(turn, cancellationToken, turn.T("Telegram підключено до вашого особистого кабінету. Оберіть, що показати:"));
    }

    private async Task AnswerButtonAsync(CallbackQuery pressed, CancellationToken cancellationToken)
    {
        try
        {
            await bot.AnswerCallbackQuery(pressed.Id, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException old) when (old.ErrorCode == 400)
        {
            // A query answered late (the update waited out a 429) is "too old": the answer itself still goes as a message.
        }
    }

    private async Task SendRepliesAsync(TelegramChatState state, CancellationToken cancellationToken)
    {
        var replies = state.Replies;
        while (state.RepliesSent < replies.Count)
        {
            await SendAsync(state.ChatId, replies[state.RepliesSent], cancellationToken);
            state.ReplySent();
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SendAsync(long chatId, PlannedReply reply, CancellationToken cancellationToken)
    {
        if (reply.BillAccount is { } account && BillingPeriod.TryParse(reply.BillPeriod, out var period)
            && await bills.PdfAsync(AccountNumber.Parse(account), period.Value, cancellationToken) is { } pdf)
        {
            await using var content = new MemoryStream(pdf.Content);
            await bot.SendDocument(chatId, InputFile.FromStream(content, pdf.FileName), caption: reply.Text, cancellationToken: cancellationToken);
            return;
        }

        ReplyMarkup? markup = reply switch
        {
            { ContactButton: { } label } => new ReplyKeyboardMarkup(KeyboardButton.WithRequestContact(label)) { ResizeKeyboard = true, OneTimeKeyboard = true },
            { RemoveKeyboard: true } => new ReplyKeyboardRemove(),
            { Buttons: { } rows } => new InlineKeyboardMarkup(rows.Select(row => row.Select(b =>
                b.Url is { } url ? InlineKeyboardButton.WithUrl(b.Label, url) : InlineKeyboardButton.WithCallbackData(b.Label, b.Data ?? MenuButton)))),
            _ => null,
        };
        await bot.SendMessage(chatId, reply.Text, replyMarkup: markup, cancellationToken: cancellationToken);
    }
}
