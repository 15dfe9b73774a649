using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;

namespace Vidnova.Chatbot;

/// <summary>
/// What the bot answers to one update: <c>/start &lt;token&gt;</c> connects the chat to the cabinet login that made the
/// deep link; a connected chat gets its accounts' balance and debt and can disconnect; anything else gets the menu.
/// In Ukrainian, or English when the user's Telegram is in English.
/// </summary>
internal sealed class TelegramConversation(VidnovaDbContext db, IClock clock, ITelegramBotClient bot, ICustomerAccounts customers,
    IPersonalAccounts accounts, ILedger ledger)
{
    public const string BalanceButton = "balance";
    public const string UnlinkButton = "unlink";

    public static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var chatId = ChatOf(update);
        var english = (update.Message?.From ?? update.CallbackQuery?.From)?.LanguageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        var text = BotTexts.For(english);
        if (update.CallbackQuery is { } callback)
        {
            await bot.AnswerCallbackQuery(callback.Id, cancellationToken: cancellationToken);
            await CommandAsync(chatId, callback.Data ?? "", text, cancellationToken);
            return;
        }

        if (update.Message?.Text is not { } message || chatId == 0)
        {
            return;
        }

        var words = message.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var command = words.Length == 0 ? "" : words[0].Split('@')[0].ToLowerInvariant();
        if (command == "/start" && words.Length == 2)
        {
            await LinkAsync(chatId, words[1].Trim(), text, cancellationToken);
            return;
        }

        await CommandAsync(chatId, command.TrimStart('/'), text, cancellationToken);
    }

    private async Task CommandAsync(long chatId, string command, BotTexts text, CancellationToken cancellationToken)
    {
        var chat = await db.Set<TelegramChat>().SingleOrDefaultAsync(c => c.ChatId == chatId, cancellationToken);
        if (chat is null)
        {
            await bot.SendMessage(chatId, text.NotLinked, cancellationToken: cancellationToken);
            return;
        }

        switch (command)
        {
            case BalanceButton:
                await bot.SendMessage(chatId, await BalanceAsync(chat.LoginId, text, cancellationToken), replyMarkup: Menu(text), cancellationToken: cancellationToken);
                break;
            case UnlinkButton:
                db.Remove(chat);
                await db.SaveChangesAsync(cancellationToken);
                await bot.SendMessage(chatId, text.Unlinked, cancellationToken: cancellationToken);
                break;
            default:
                await bot.SendMessage(chatId, text.Menu, replyMarkup: Menu(text), cancellationToken: cancellationToken);
                break;
        }
    }

    private async Task LinkAsync(long chatId, string token, BotTexts text, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var hash = Kernel.SecretTokens.Hash(token);
        var issued = await db.Set<TelegramLinkToken>().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (issued is null || !issued.Spend(chatId, now))
        {
            await bot.SendMessage(chatId, text.LinkExpired, cancellationToken: cancellationToken);
            return;
        }

        var chat = await db.Set<TelegramChat>().SingleOrDefaultAsync(c => c.ChatId == chatId, cancellationToken);
        if (chat is null)
        {
            db.Add(TelegramChat.Link(chatId, issued.LoginId, now));
        }
        else
        {
            chat.Relink(issued.LoginId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await bot.SendMessage(chatId, text.Linked, replyMarkup: Menu(text), cancellationToken: cancellationToken);
    }

    private async Task<string> BalanceAsync(Guid loginId, BotTexts text, CancellationToken cancellationToken)
    {
        var numbers = await customers.LinkedToAsync(loginId, cancellationToken);
        if (numbers.Count == 0)
        {
            return text.NoAccounts;
        }

        var summaries = await accounts.FindManyAsync(numbers, cancellationToken);
        var balances = await ledger.BalancesOfAsync(numbers, cancellationToken);
        var lines = numbers.Where(summaries.ContainsKey).Select(n => text.AccountLine(n, summaries[n].Address, balances[n]));
        return string.Join("\n\n", lines);
    }

    private static InlineKeyboardMarkup Menu(BotTexts text) => new(
    [
        [InlineKeyboardButton.WithCallbackData(text.BalanceLabel, BalanceButton)],
        [InlineKeyboardButton.WithCallbackData(text.UnlinkLabel, UnlinkButton)],
    ]);
}

/// <summary>The bot's words in the two languages it speaks.</summary>
internal sealed record BotTexts(
    string NotLinked, string Linked, string LinkExpired, string Unlinked, string Menu, string NoAccounts, string BalanceLabel, string UnlinkLabel,
    System.Globalization.CultureInfo Culture)
{
    private static readonly BotTexts Ukrainian = new(
        "Щоб бачити баланс і керувати рахунками тут, підключіть Telegram в особистому кабінеті: «Підключити Telegram» на головній сторінці кабінету.",
        "Telegram підключено до вашого особистого кабінету. Оберіть, що показати:",
        "Посилання для підключення застаріле або вже використане. Створіть нове в особистому кабінеті — воно діє 15 хвилин.",
        "Telegram відключено від кабінету. Підключити знову можна в особистому кабінеті.",
        "Оберіть дію:",
        "У вашому кабінеті ще немає особових рахунків. Додайте рахунок в особистому кабінеті.",
        "Баланс і борг",
        "Відключити Telegram",
        System.Globalization.CultureInfo.GetCultureInfo("uk-UA"));

    private static readonly BotTexts English = new(
        "To see your balance here, connect Telegram in your personal account: «Connect Telegram» on the personal account's home page.",
        "Telegram is connected to your personal account. What shall I show?",
        "This link has expired or was used already. Make a new one in your personal account — it works for 15 minutes.",
        "Telegram is disconnected from your personal account. You can connect it again there.",
        "Choose an action:",
        "Your personal account has no accounts yet. Add one in the personal account.",
        "Balance and debt",
        "Disconnect Telegram",
        System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static BotTexts For(bool english) => english ? English : Ukrainian;

    public string AccountLine(AccountNumber number, string address, LedgerBalance balance)
    {
        var owed = balance.Debt.IsPositive
            ? (Culture.TwoLetterISOLanguageName == "uk" ? $"борг {balance.Debt.ToString(null, Culture)}" : $"debt {balance.Debt.ToString(null, Culture)}")
            : (Culture.TwoLetterISOLanguageName == "uk" ? "боргу немає" : "nothing owed");
        var label = Culture.TwoLetterISOLanguageName == "uk" ? "Рахунок" : "Account";
        var balanceLabel = Culture.TwoLetterISOLanguageName == "uk" ? "баланс" : "balance";
        return $"{label} {number}\n{address}\n{balanceLabel} {balance.Balance.ToString(null, Culture)}, {owed}";
    }
}
