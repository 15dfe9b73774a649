using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Notifications;

namespace Vidnova.RepaymentSchedules;

/// <summary>
/// Tells the customer their schedule is broken: one email to every login linked to the account whose address is
/// confirmed, queued in the unit of work that breaks it; the key (one per schedule and login) lets one through.
/// </summary>
internal sealed class BrokenScheduleNotice(ICustomerContacts contacts, INotificationOutbox outbox, IOptions<VidnovaOptions> site)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    public static string KeyOf(Guid scheduleId, Guid loginId) => $"repayment-schedule-broken:{scheduleId:N}:{loginId:N}";

    public async Task<int> EnqueueAsync(RepaymentSchedule schedule, InstalmentStanding overdue, int graceDays, Instant now, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var recipient in await contacts.ConfirmedEmailsOfLinkedAsync([schedule.AccountNumber], cancellationToken))
        {
            var key = KeyOf(schedule.Id, recipient.LoginId);
            if (await outbox.IsQueuedAsync(key, cancellationToken))
            {
                continue;
            }

            outbox.Enqueue(new Notification(key, Render(schedule, overdue, graceDays), recipient.Email, schedule.Id, now));
            queued++;
        }

        return queued;
    }

    private EmailContent Render(RepaymentSchedule schedule, InstalmentStanding overdue, int graceDays)
    {
        var account = schedule.AccountNumber.Value;
        var due = overdue.DueOn.ToString("dd.MM.uuuu", CultureInfo.InvariantCulture);
        var link = $"{site.Value.PublicBaseUrl.TrimEnd('/')}/cabinet/accounts/{account}/repayment-schedule";
        return EmailLayout.Render("Віднова · графік погашення", $"Графік погашення боргу за рахунком {account} порушено",
            $"Графік погашення за особовим рахунком {account} від {schedule.AskedOn.ToString("dd.MM.uuuu", CultureInfo.InvariantCulture)}.",
            new EmailParagraph($"Внесок № {overdue.Number} за графіком погашення ({overdue.Amount.ToString(null, Ukrainian)}) мав надійти до {due}; "
                + $"за {graceDays} дн. після цього сплачено {overdue.Paid.ToString(null, Ukrainian)}. Тому графік припинено."),
            new EmailParagraph("Заборгованість знову належить сплатити повністю. Якщо її не погасити, ви отримаєте попередження про відключення "
                + "електропостачання не пізніше ніж за 10 робочих днів до нього (Правила роздрібного ринку електричної енергії, постанова НКРЕКП № 312)."),
            new EmailAction("Переглянути графік і сплатити", link));
    }
}
