using System.Globalization;
using Microsoft.Extensions.Options;
using Vidnova.Accounts;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Notifications;

namespace Vidnova.Dunning;

/// <summary>
/// The warning's words. PRRE 7.5 asks that it state the reason, the date and time of the disconnection and the amount
/// owed; it also says how to avoid it: pay in time for the payment to arrive, ask for a repayment schedule, or hand in
/// the court's ruling if the debt is disputed in court.
/// </summary>
internal sealed class DunningEmails(IOptions<VidnovaOptions> site, IOptionsMonitor<DunningOptions> settings)
{
    public EmailContent Warning(DunningCase dunningCase, int sequence, Money amount, PersonalAccountSummary account)
    {
        var at = DunningCase.Format(dunningCase.PlannedDisconnectionAt);
        var payBy = dunningCase.PayBy.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var cabinet = $"{site.Value.PublicBaseUrl.TrimEnd('/')}/cabinet/accounts/{account.Number}";
        var subject = sequence == 1
            ? $"Попередження про відключення електропостачання {at} — рахунок {account.Number}"
            : $"Повторне попередження: відключення {at} — рахунок {account.Number}";
        var footer = account.Kind == CustomerKind.Household
            ? $"Справа {dunningCase.Number}. Якщо щодо боргу відкрито судове провадження, передайте ухвалу суду постачальнику до дати відключення — відключення не буде (ПРРЕ, п. 7.11)."
            : $"Справа {dunningCase.Number}.";
        return EmailLayout.Render("Віднова · попередження", subject, footer,
            new EmailParagraph($"Особовий рахунок {account.Number}, {account.Address}."),
            new EmailParagraph($"Причина: заборгованість за електричну енергію, строк оплати якої минув. Сума боргу на сьогодні — {DunningCase.Uah(amount)}."),
            new EmailParagraph($"Якщо борг не буде сплачено, електропостачання буде припинено {at} (за київським часом) згідно з п. 7.5 Правил роздрібного ринку електричної енергії."),
            new EmailParagraph($"Щоб відключення не відбулося, сплатіть борг до {payBy}: платіж може надходити до {settings.CurrentValue.PaymentArrivalBankingDays} банківських днів."),
            new EmailParagraph("Якщо сплатити одразу всю суму складно, оформіть в особистому кабінеті графік погашення заборгованості — поки ви його дотримуєтесь, відключення не буде."),
            new EmailAction("Сплатити або оформити графік", cabinet));
    }
}
