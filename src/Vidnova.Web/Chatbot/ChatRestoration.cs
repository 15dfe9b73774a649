using System.Text.RegularExpressions;
using Telegram.Bot;
using Telegram.Bot.Types;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Kernel;
using Vidnova.Restoration;

namespace Vidnova.Chatbot;

/// <summary>
/// Restoration in the chat: the account's application and what it waits for, applying (the phone shared with a
/// button), the receipt sent as a photo or a file into the same path as an upload (an operator or the DSO's statement
/// approves it), and, for a chat not connected to a login, an application checked by its number and email code.
/// </summary>
internal sealed partial class ChatRestoration(IRestorationSelfService restoration, IOpenRestorationApplications openApplications, ICustomerAccounts customers,
    IPersonalAccounts accounts, ITelegramBotClient bot)
{
    public const string StatusButton = "rest";
    public const string ApplyButton = "apply";
    public const string ReceiptButton = "rcpt";
    public const string LookupButton = "lookup";

    public static string StatusText(ChatTurn turn, ApplicationStatus status) => status switch
    {
        ApplicationStatus.AwaitingEmailConfirmation => turn.T("чекає підтвердження email кодом з листа"),
        ApplicationStatus.AwaitingPayment => turn.T("чекає оплати рахунку ОСР за відновлення і квитанції про оплату"),
        ApplicationStatus.ReceiptUnderReview => turn.T("квитанцію отримано, її перевіряють"),
        ApplicationStatus.SentToDso => turn.T("передано ОСР для відновлення"),
        ApplicationStatus.InProgressAtDso => turn.T("ОСР відновлює електропостачання"),
        ApplicationStatus.Restored => turn.T("постачання відновлено"),
        ApplicationStatus.RejectedByDso => turn.T("ОСР відмовив у відновленні"),
        _ => turn.T("заява скасована"),
    };

    public async Task StatusAsync(string number, ChatTurn turn, CancellationToken cancellationToken)
    {
        var account = AccountNumber.Parse(number);
        CustomerApplicationSummary? latest;
        try
        {
            latest = await restoration.LatestOfAsync(turn.LoginId!.Value, account, cancellationToken);
        }
        catch (Exception refused) when (ChatTurn.IsRefusal(refused))
        {
            turn.Say(turn.Refusal(refused));
            return;
        }

        if (latest is { IsOpen: true })
        {
            Describe(latest, turn);
            return;
        }

        var summary = await accounts.FindAsync(account, cancellationToken);
        var before = latest is null ? "" : turn.T("Остання заява {0}: {1}.", latest.Number, StatusText(turn, latest.Status)) + "\n";
        if (summary?.SupplyStatus == SupplyStatus.DisconnectedForDebt)
        {
            turn.Say(before + turn.T("Електропостачання за рахунком {0} відключене за борг. Коли борг сплачено, подайте заяву на відновлення — рахунок ОСР за відновлення прийде на email кабінету.",
                    account.Value),
                [new ReplyButton(turn.T("Подати заяву на відновлення"), $"{ApplyButton}:{account}")]);
            return;
        }

        turn.Say(before + turn.T("Електропостачання за рахунком {0} не відключене за борг: заява на відновлення не потрібна.", account.Value));
    }

    public static void AskPhone(string account, ChatTurn turn)
    {
        turn.Ask(new ChatDialog(DialogStep.Phone, account));
        turn.AskForContact(turn.T("Для заяви потрібен номер телефону, за яким ОСР зможе зв'язатися з вами. Натисніть кнопку нижче або надішліть номер у форматі +380XXXXXXXXX."),
            turn.T("Надіслати мій номер"));
    }

    public async Task PhoneAsync(string phone, ChatTurn turn, CancellationToken cancellationToken)
    {
        var account = AccountNumber.Parse(turn.Dialog!.Account!);
        turn.Ask(null);
        try
        {
            var application = await restoration.ApplyAsync(turn.LoginId!.Value, account, phone, cancellationToken);
            turn.SayAndCloseKeyboard(turn.T("Заяву {0} подано.", application.Number));
            Describe(application, turn);
        }
        catch (Exception refused) when (ChatTurn.IsRefusal(refused))
        {
            turn.SayAndCloseKeyboard(turn.Refusal(refused));
        }
    }

    public static void AskReceipt(Guid application, ChatTurn turn)
    {
        turn.Ask(new ChatDialog(DialogStep.Receipt, Application: application));
        turn.Say(turn.T("Надішліть квитанцію про оплату сюди: фото або файл (" + ReceiptFormat.Described + ")."));
    }

    /// <summary>
    /// A photo or a file: the receipt of the application asked for, or of the one open application that waits for it.
    /// The file is fetched from Telegram (never more than the receipt limit) and goes the upload's way.
    /// </summary>
    public async Task ReceiptAsync(Message message, ChatTurn turn, CancellationToken cancellationToken)
    {
        var loginId = turn.LoginId!.Value;
        var applicationId = turn.Dialog is { Step: DialogStep.Receipt, Application: { } asked } ? asked : await WaitingForReceiptAsync(loginId, cancellationToken);
        if (applicationId is null)
        {
            turn.Say(turn.T("Зараз жодна ваша заява на відновлення не чекає квитанції. Щоб подати заяву, оберіть рахунок і «Відновлення електропостачання»."));
            return;
        }

        var (fileId, size, name) = message.Photo is { Length: > 0 } photos
            ? (photos[^1].FileId, photos[^1].FileSize, $"telegram-photo-{message.MessageId}.jpg")
            : (message.Document!.FileId, message.Document.FileSize, message.Document.FileName ?? $"telegram-file-{message.MessageId}");
        if (size > ReceiptFormat.MaxBytes)
        {
            turn.Say(turn.T("Файл завеликий: квитанція має бути до 10 МБ. Надішліть " + ReceiptFormat.Described + "."));
            return;
        }

        var file = await bot.GetFile(fileId, cancellationToken);
        // Telegram gives every file's size; one it does not (another Bot API server) is not downloaded blind.
        if (file.FileSize is not { } bytes || bytes > ReceiptFormat.MaxBytes)
        {
            turn.Say(turn.T("Файл завеликий: квитанція має бути до 10 МБ. Надішліть " + ReceiptFormat.Described + "."));
            return;
        }

        await using var content = new MemoryStream();
        await bot.DownloadFile(file, content, cancellationToken);
        content.Position = 0;
        turn.Ask(null);
        try
        {
            var taken = await restoration.SubmitReceiptAsync(loginId, applicationId.Value, name, content, cancellationToken);
            turn.Say(taken.AlreadyHad
                ? turn.T("Цю квитанцію вже отримано для заяви {0}.", taken.Application.Number)
                : turn.T("Квитанцію отримано для заяви {0}: {1}. Щойно оплату підтвердять, заяву передамо ОСР — ми повідомимо.",
                    taken.Application.Number, StatusText(turn, taken.Application.Status)));
        }
        catch (Exception refused) when (ChatTurn.IsRefusal(refused))
        {
            turn.Say(turn.Refusal(refused));
        }
    }

    /// <summary>
    /// A chat not connected to a login: a number and code typed (<c>VN-2026-000123 123456</c>) show that application;
    /// anything else says how to connect and how to check an application. Five wrong pairs an hour per chat.
    /// </summary>
    public async Task UnlinkedAsync(string? text, string command, ChatTurn turn, CancellationToken cancellationToken)
    {
        var match = text is null ? null : NumberAndCode().Match(text.Trim());
        if (match is not { Success: true })
        {
            turn.Say(command == LookupButton
                    ? turn.T("Надішліть номер заяви й 6-значний код з листа через пробіл, наприклад: VN-2026-000123 123456")
                    : turn.T("Щоб бачити баланс і керувати рахунками тут, підключіть Telegram в особистому кабінеті: «Підключити Telegram» на головній сторінці кабінету. Перевірити заяву на відновлення можна й без цього — за її номером і кодом з листа."),
                [new ReplyButton(turn.T("Перевірити заяву за номером і кодом"), LookupButton)]);
            return;
        }

        if (!turn.State.MayLookUp(turn.Now))
        {
            turn.Say(turn.T("Забагато невдалих спроб. Спробуйте знову о {0:HH:mm}.", turn.State.NextLookupAt.InZone(KyivTime.Zone).ToDateTimeUnspecified()));
            return;
        }

        try
        {
            var application = await restoration.FindWithCodeAsync(match.Groups["number"].Value, match.Groups["code"].Value, cancellationToken);
            if (application is null)
            {
                turn.State.LookupFailed(turn.Now);
                turn.Say(turn.T("Заяви з таким номером і кодом не знайдено. Перевірте номер і 6 цифр коду в листі."));
                return;
            }

            Describe(application, turn, linked: false);
        }
        catch (Exception refused) when (ChatTurn.IsRefusal(refused))
        {
            turn.State.LookupFailed(turn.Now);
            turn.Say(turn.Refusal(refused));
        }
    }

    private static void Describe(CustomerApplicationSummary application, ChatTurn turn, bool linked = true)
    {
        var lines = new List<string> { turn.T("Заява {0} (рахунок {1}): {2}.", application.Number, application.Account.Value, StatusText(turn, application.Status)) };
        if (application is { Status: ApplicationStatus.AwaitingPayment, Invoice: { } invoice })
        {
            lines.Add(string.Join("\n", turn.T("Сплатіть {0} за реквізитами ОСР:", invoice.Amount),
                turn.T("Отримувач: {0}, ЄДРПОУ {1}", invoice.RecipientName, invoice.RecipientCode), $"IBAN: {invoice.Iban}", turn.T("Призначення: {0}", invoice.Purpose)));
            lines.Add(linked
                ? turn.T("Після оплати надішліть сюди фото або файл квитанції.")
                : turn.T("Після оплати надішліть квитанцію у відповідь на лист з рахунком або підключіть Telegram у кабінеті й надішліть її сюди."));
        }

        if (application.DsoDeadline is { } deadline && application.IsOpen)
        {
            lines.Add(turn.T("ОСР має відновити постачання до {0:dd.MM.yyyy}.", deadline.ToDateOnly()));
        }

        if (application is { Status: ApplicationStatus.RejectedByDso, RejectionReason: { } reason })
        {
            lines.Add(turn.T("Причина: {0}", reason));
        }

        if (linked && application.Status is ApplicationStatus.AwaitingPayment or ApplicationStatus.ReceiptUnderReview)
        {
            turn.Ask(new ChatDialog(DialogStep.Receipt, Application: application.Id));
            turn.Say(string.Join("\n\n", lines), [new ReplyButton(turn.T("Надіслати квитанцію"), $"{ReceiptButton}:{application.Account}:{application.Id:N}")]);
            return;
        }

        turn.Say(string.Join("\n\n", lines));
    }

    private async Task<Guid?> WaitingForReceiptAsync(Guid loginId, CancellationToken cancellationToken)
    {
        var open = await openApplications.OfAsync(await customers.LinkedToAsync(loginId, cancellationToken), cancellationToken);
        var waiting = open.Values.Where(a => a.Status is ApplicationStatus.AwaitingPayment or ApplicationStatus.ReceiptUnderReview).ToList();
        return waiting.Count == 1 ? waiting[0].Id : null;
    }

    [GeneratedRegex(@"^(?<number>VN-\d{4}-\d{6})\s+(?<code>\d{6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex NumberAndCode();
}
