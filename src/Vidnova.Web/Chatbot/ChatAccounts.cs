using Vidnova.Accounts;
using Vidnova.Billing.Bills;
using Vidnova.Customers;
using Vidnova.Dunning;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Payments.Online;
using Vidnova.RepaymentSchedules;
using Vidnova.Restoration;

namespace Vidnova.Chatbot;

/// <summary>
/// A connected chat's accounts: the menu of the login's accounts, each account's card (balance and debt, a warning
/// of disconnection, the open application, the schedule), paying the debt online, the latest bills as PDFs.
/// </summary>
internal sealed class ChatAccounts(
    ICustomerAccounts customers, ICustomerContacts contacts, IPersonalAccounts accounts, ILedger ledger, IDunningStatus dunning,
    IRepaymentScheduleStanding schedules, IOpenRestorationApplications applications, IOnlineCheckoutOffer checkout, IBills bills)
{
    public const string AccountButton = "acct";
    public const string PayButton = "pay";
    public const string BillsButton = "bills";
    public const string BillButton = "bill";
    public const string ScheduleButton = "sched";

    private const int BillsShown = 3;

    /// <summary>How far back a bill's button still sends its PDF: the bills of the last three years.</summary>
    private const int BillsKept = 36;

    public async Task MenuAsync(ChatTurn turn, CancellationToken cancellationToken, string? intro = null)
    {
        var numbers = await customers.LinkedToAsync(turn.LoginId!.Value, cancellationToken);
        if (numbers.Count == 0)
        {
            turn.Say(turn.T("У вашому кабінеті ще немає особових рахунків. Додайте рахунок в особистому кабінеті."));
            return;
        }

        var summaries = await accounts.FindManyAsync(numbers, cancellationToken);
        var rows = numbers.Where(summaries.ContainsKey)
            .Select(n => (IReadOnlyList<ReplyButton>)[new ReplyButton(turn.T("Рахунок {0} · {1}", n.Value, Short(summaries[n].Address)), $"{AccountButton}:{n}")])
            .Append([new ReplyButton(turn.T("Баланс і борг"), TelegramConversation.BalanceButton)])
            .Append([new ReplyButton(turn.T("Відключити Telegram"), TelegramConversation.UnlinkButton)]);
        turn.Say(intro ?? turn.T("Оберіть рахунок або дію:"), [.. rows]);
    }

    public async Task BalanceAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        var numbers = await customers.LinkedToAsync(turn.LoginId!.Value, cancellationToken);
        if (numbers.Count == 0)
        {
            await MenuAsync(turn, cancellationToken);
            return;
        }

        var summaries = await accounts.FindManyAsync(numbers, cancellationToken);
        var balances = await ledger.BalancesOfAsync(numbers, cancellationToken);
        var lines = numbers.Where(summaries.ContainsKey).Select(n => AccountLines(turn, summaries[n], balances[n]));
        turn.Say(string.Join("\n\n", lines), [.. numbers.Where(summaries.ContainsKey)
            .Select(n => (IReadOnlyList<ReplyButton>)[new ReplyButton(turn.T("Рахунок {0}", n.Value), $"{AccountButton}:{n}")])]);
    }

    /// <summary>Everything the customer may want of one account, with the actions that apply to it now.</summary>
    public async Task CardAsync(string number, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (await LinkedAsync(number, turn, cancellationToken) is not { } account)
        {
            return;
        }

        var summary = (await accounts.FindAsync(account, cancellationToken))!;
        var balance = await ledger.BalanceOfAsync(account, cancellationToken);
        var lines = new List<string> { AccountLines(turn, summary, balance) };
        if (await dunning.WarningInForceAsync(account, cancellationToken) is { } warning)
        {
            lines.Add(warning.OrderedToDso
                ? turn.T("⚠ Постачання буде відключено за борг (попередження {0}). Сплатіть {1} якнайшвидше: поки ОСР не виконав відключення, оплата його скасує.",
                    warning.CaseNumber, warning.Amount)
                : turn.T("⚠ Попередження {0}: відключення за борг заплановано на {1:dd.MM.yyyy HH:mm}. Сплатіть {2} до {3:dd.MM.yyyy}, щоб його уникнути.",
                    warning.CaseNumber, warning.PlannedDisconnectionAt.ToDateTimeUnspecified(), warning.Amount, warning.PayBy.ToDateOnly()));
        }

        var open = (await applications.OfAsync([account], cancellationToken)).GetValueOrDefault(account);
        if (open is not null)
        {
            lines.Add(turn.T("Заява на відновлення {0}: {1}", open.Number, ChatRestoration.StatusText(turn, open.Status)));
        }

        var schedule = await schedules.ProgressAsync(account, cancellationToken);
        if (schedule is { Status: RepaymentScheduleStatus.Active, Next: { } next })
        {
            lines.Add(turn.T("Графік погашення: наступний внесок {0} до {1:dd.MM.yyyy}.", next.Remaining, next.DueOn.ToDateOnly()));
        }

        var rows = new List<IReadOnlyList<ReplyButton>>();
        if (balance.Debt.IsPositive && checkout.AvailableProviders.Count > 0)
        {
            rows.Add([new ReplyButton(turn.T("Сплатити {0}", balance.Debt), $"{PayButton}:{account}")]);
        }

        rows.Add([new ReplyButton(turn.T("Передати показання"), $"{ChatReadings.StartButton}:{account}")]);
        rows.Add([new ReplyButton(turn.T("Рахунки за електроенергію"), $"{BillsButton}:{account}")]);
        if (open is not null || summary.SupplyStatus == SupplyStatus.DisconnectedForDebt)
        {
            rows.Add([new ReplyButton(turn.T("Відновлення електропостачання"), $"{ChatRestoration.StatusButton}:{account}")]);
        }

        if (schedule is not null)
        {
            rows.Add([new ReplyButton(turn.T("Графік погашення боргу"), $"{ScheduleButton}:{account}")]);
        }

        rows.Add([new ReplyButton(turn.T("« Усі рахунки"), TelegramConversation.MenuButton)]);
        turn.Say(string.Join("\n\n", lines), [.. rows]);
    }

    /// <summary>
    /// A checkout of the whole debt, through the provider pressed (or the only one): the order is recorded, the button
    /// opens the provider's page, and the payment is posted when the provider's signed callback arrives, as from the cabinet.
    /// </summary>
    public async Task PayAsync(string number, string? provider, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (await LinkedAsync(number, turn, cancellationToken) is not { } account)
        {
            return;
        }

        var debt = (await ledger.BalanceOfAsync(account, cancellationToken)).Debt;
        var providers = checkout.AvailableProviders;
        if (!debt.IsPositive || providers.Count == 0)
        {
            turn.Say(providers.Count == 0
                ? turn.T("Онлайн-оплата зараз недоступна. Сплатіть за реквізитами з рахунку в банку чи на пошті.")
                : turn.T("За рахунком {0} боргу немає — платити нічого не потрібно.", account.Value));
            return;
        }

        if (provider is null && providers.Count > 1)
        {
            turn.Say(turn.T("Сума до сплати: {0}. Оберіть, через що сплатити:", debt),
                [.. providers.Select(p => (IReadOnlyList<ReplyButton>)[new ReplyButton(ProviderName(p), $"{PayButton}:{account}:{p}")])]);
            return;
        }

        try
        {
            var email = await contacts.ConfirmedEmailAsync(turn.LoginId!.Value, cancellationToken);
            var started = await checkout.StartAsync(turn.LoginId.Value, email, account, debt, provider ?? providers[0], cancellationToken);
            turn.Say(turn.T("Замовлення {0}: {1} за рахунок {2}. Натисніть кнопку, щоб сплатити карткою; платіж зарахуємо, щойно платіжна система його підтвердить.",
                    started.OrderId, started.Amount, account.Value),
                [new ReplyButton(turn.T("Сплатити {0} через {1}", started.Amount, ProviderName(started.Provider)), Url: started.PayUrl.AbsoluteUri)]);
        }
        catch (Exception refused) when (ChatTurn.IsRefusal(refused))
        {
            turn.Say(turn.Refusal(refused));
        }
    }

    public async Task BillsAsync(string number, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (await LinkedAsync(number, turn, cancellationToken) is not { } account)
        {
            return;
        }

        var latest = await bills.LatestAsync(account, BillsShown, cancellationToken);
        if (latest.Count == 0)
        {
            turn.Say(turn.T("Рахунків за електроенергію для {0} ще не виставлено.", account.Value));
            return;
        }

        turn.Say(turn.T("Останні рахунки за {0}. Оберіть, який надіслати у PDF:", account.Value),
            [.. latest.Select(b => (IReadOnlyList<ReplyButton>)[new ReplyButton(
                turn.T("{0:MMMM yyyy}: {1}, до {2:dd.MM.yyyy}", b.Period.FirstDay.ToDateOnly(), b.ToPay, b.DueDate.ToDateOnly()),
                $"{BillButton}:{account}:{b.Period}")])]);
    }

    public async Task BillAsync(string number, string periodText, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (await LinkedAsync(number, turn, cancellationToken) is not { } account)
        {
            return;
        }

        var bill = BillingPeriod.TryParse(periodText, out var period)
            ? (await bills.LatestAsync(account, BillsKept, cancellationToken)).FirstOrDefault(b => b.Period == period.Value)
            : null;
        if (bill is null)
        {
            turn.Say(turn.T("Рахунку за {0} для особового рахунку {1} немає: період ще не виставлено.", periodText, account.Value));
            return;
        }

        turn.SendBill(account.Value, bill.Period.ToString(),
            turn.T("Рахунок за {0:MMMM yyyy}: до сплати {1} до {2:dd.MM.yyyy}.", bill.Period.FirstDay.ToDateOnly(), bill.ToPay, bill.DueDate.ToDateOnly()));
    }

    public async Task ScheduleAsync(string number, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (await LinkedAsync(number, turn, cancellationToken) is not { } account)
        {
            return;
        }

        var progress = await schedules.ProgressAsync(account, cancellationToken);
        turn.Say(progress switch
        {
            null => turn.T("Графіка погашення боргу за рахунком {0} немає. Попросити його можна в особистому кабінеті.", account.Value),
            { Status: RepaymentScheduleStatus.PendingApproval } =>
                turn.T("Графік погашення {0} ({1} внесків) чекає рішення постачальника. Ми напишемо, щойно його розглянуть.", progress.Debt, progress.Instalments),
            { Status: RepaymentScheduleStatus.Active, Next: { } next } => progress.NextOverdue
                ? turn.T("Графік погашення: сплачено {0}, залишилось {1}. Внесок №{2} ({3}) мав надійти до {4:dd.MM.yyyy} — сплатіть його зараз, інакше графік буде розірвано.",
                    progress.Paid, progress.Remaining, next.Number, next.Remaining, next.DueOn.ToDateOnly())
                : turn.T("Графік погашення: сплачено {0}, залишилось {1}. Наступний внесок №{2}: {3} до {4:dd.MM.yyyy}.",
                    progress.Paid, progress.Remaining, next.Number, next.Remaining, next.DueOn.ToDateOnly()),
            { Status: RepaymentScheduleStatus.Completed } or { Status: RepaymentScheduleStatus.Active } =>
                turn.T("Графік погашення виконано: борг {0} сплачено повністю.", progress.Debt),
            { Status: RepaymentScheduleStatus.Broken } =>
                turn.T("Графік погашення розірвано: внесок не надійшов вчасно. Залишок боргу {0} — до сплати.", progress.Remaining),
            _ => turn.T("Постачальник відхилив графік погашення боргу {0}. Деталі — в особистому кабінеті.", progress.Debt),
        });
    }

    /// <summary>The account if it is one of the login's; otherwise the menu (a button of an account unlinked since).</summary>
    private async Task<AccountNumber?> LinkedAsync(string number, ChatTurn turn, CancellationToken cancellationToken)
    {
        if (AccountNumber.TryParse(number, out var account) && await customers.IsLinkedAsync(turn.LoginId!.Value, account!.Value, cancellationToken)
            && await accounts.ExistsAsync(account.Value, cancellationToken))
        {
            return account.Value;
        }

        await MenuAsync(turn, cancellationToken, turn.T("Цього рахунку немає серед рахунків вашого кабінету. Оберіть рахунок:"));
        return null;
    }

    private static string AccountLines(ChatTurn turn, PersonalAccountSummary account, LedgerBalance balance) =>
        turn.T("Рахунок {0}", account.Number.Value) + "\n" + account.Address + "\n"
        + (balance.Debt.IsPositive
            ? turn.T("баланс {0}, борг {1}", balance.Balance, balance.Debt)
            : turn.T("баланс {0}, боргу немає", balance.Balance));

    private static string Short(string address) => address.Length <= 40 ? address : address[..39] + "…";

    private static string ProviderName(string provider) => provider switch
    {
        "liqpay" => "LiqPay",
        "mono" => "monobank",
        _ => provider,
    };
}
