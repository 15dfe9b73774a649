using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Billing.Bills;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Notifications;
using Vidnova.Persistence;

namespace Vidnova.Billing.Emails;

/// <summary>
/// The «your bill is ready» emails of a batch of new bills, to the logins that asked for the account's bills by email
/// (<see cref="BillEmailSubscription"/>), are still linked to it and have a confirmed email. The billing run queues
/// them in the transaction that writes the bills, so each bill is emailed exactly once: a rerun makes no bill and so
/// no email, and the outbox's key (bill and login) refuses a second one anyway. Found with at most two queries per
/// batch (the subscriptions of its accounts, then those logins' emails); the outbox does not carry attachments, so the
/// email links to the PDF in the cabinet rather than attaching it.
/// </summary>
internal sealed class BillReadyEmails(VidnovaDbContext db, ICustomerContacts contacts, IOptions<VidnovaOptions> site)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    /// <summary>The outbox key of the email about <paramref name="billId"/> to <paramref name="loginId"/>.</summary>
    public static string KeyOf(Guid billId, Guid loginId) => $"bill-ready:{billId:N}:{loginId:N}";

    public async Task<IReadOnlyList<Notification>> ForAsync(IReadOnlyList<Bill> bills, Instant now, CancellationToken cancellationToken)
    {
        if (bills.Count == 0)
        {
            return [];
        }

        var accounts = bills.Select(b => b.AccountNumber).ToList();
        var subscribed = await db.Set<BillEmailSubscription>().AsNoTracking().Where(s => accounts.Contains(s.AccountNumber))
            .Select(s => new { s.LoginId, s.AccountNumber }).ToListAsync(cancellationToken);
        if (subscribed.Count == 0)
        {
            return [];
        }

        // Only the logins still linked with a confirmed email: one who unlinked the account keeps no subscription's effect.
        var emails = (await contacts.ConfirmedEmailsOfLinkedAsync([.. subscribed.Select(s => s.AccountNumber).Distinct()], cancellationToken))
            .ToDictionary(e => (e.LoginId, e.AccountNumber), e => e.Email);
        var byAccount = bills.ToDictionary(b => b.AccountNumber);
        return [.. subscribed.Where(s => emails.ContainsKey((s.LoginId, s.AccountNumber)))
            .OrderBy(s => s.AccountNumber.Value, StringComparer.Ordinal).ThenBy(s => s.LoginId)
            .Select(s => Render(byAccount[s.AccountNumber], s.LoginId, emails[(s.LoginId, s.AccountNumber)], now))];
    }

    private Notification Render(Bill bill, Guid loginId, string email, Instant now)
    {
        var month = bill.Period.FirstDay.ToDateTimeUnspecified().ToString("MMMM yyyy", Ukrainian);
        var account = bill.AccountNumber.Value;
        var cabinet = $"{site.Value.PublicBaseUrl.TrimEnd('/')}/cabinet/accounts/{account}/bills";
        var toPay = bill.ToPay.ToString(null, Ukrainian);
        var due = bill.DueDate.ToString("dd.MM.uuuu", CultureInfo.InvariantCulture);
        var kwh = bill.Kwh.Value.ToString("#,0.###", Ukrainian) + " кВт·год";
        var blocks = new List<EmailBlock>
        {
            new EmailParagraph($"Рахунок за електроенергію за {month} за особовим рахунком {account} готовий."),
            new EmailTable(
                ("Особовий рахунок", account),
                ("Період", month),
                ("Спожито", bill.Estimated ? kwh + " (за оцінкою)" : kwh),
                ("Нараховано", bill.Amount.ToString(null, Ukrainian)),
                ("До сплати", toPay),
                ("Сплатити до", due)),
        };
        if (bill.Estimated)
        {
            blocks.Add(new EmailParagraph("Показань за цей місяць ми не отримали, тож споживання нараховано за оцінкою. Коли показання надійдуть, наступний рахунок виправить різницю."));
        }

        blocks.Add(new EmailAction("Переглянути рахунок", cabinet));
        blocks.Add(new EmailAction("Завантажити рахунок (PDF)", $"{cabinet}?handler=Pdf&period={bill.Period}"));
        var content = EmailLayout.Render("Віднова · рахунок", $"Рахунок за {month}: до сплати {toPay} до {due} — о/р {account}",
            "Ви отримали цей лист, бо попросили надсилати рахунки на email. Вимкнути це можна на сторінці рахунків в особистому кабінеті.",
            [.. blocks]);
        return new Notification(KeyOf(bill.Id, loginId), content, email, bill.Id, now);
    }
}
