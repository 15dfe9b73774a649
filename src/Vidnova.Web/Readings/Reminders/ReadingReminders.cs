using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.Readings.Reminders;

/// <summary>Configuration section <c>Readings:Reminders</c>: when customers who asked are reminded to send their readings.</summary>
internal sealed class ReadingReminderOptions
{
    public const string Section = "Readings:Reminders";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The day of the month (Kyiv) from which the reminders go out (25). The end-of-month reading is taken from two days
    /// before the month ends to the 3rd of the next (<see cref="ReadingWindow"/>), so the 25th leaves a few days' notice.
    /// </summary>
    public int FromDay { get; set; } = 25;
}

/// <summary>
/// From <see cref="ReadingReminderOptions.FromDay"/> of each month, queues one email to every login that asked to be
/// reminded about an account whose meter has no reading counted for the month yet. Every instance runs it, every
/// hour: the outbox's key (one per login, account and month) lets one reminder through, however many runs and
/// instances try.
/// </summary>
internal sealed class ReadingReminders(
    IServiceScopeFactory scopes, IClock clock, IOptionsMonitor<ReadingReminderOptions> reminders, IOptions<VidnovaOptions> site,
    ILogger<ReadingReminders> logger) : PeriodicWork(logger)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Work => "Reminding customers to send their readings";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendRemindersAsync(cancellationToken);

    /// <summary>The outbox key of the reminder to <paramref name="loginId"/> about <paramref name="account"/> for <paramref name="period"/>.</summary>
    public static string KeyOf(BillingPeriod period, AccountNumber account, Guid loginId) => $"reading-reminder:{period}:{account}:{loginId:N}";

    /// <summary>Queues the reminders due today; returns how many were queued by this pass.</summary>
    public async Task<int> SendRemindersAsync(CancellationToken cancellationToken)
    {
        var settings = reminders.CurrentValue;
        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        if (!settings.Enabled || today.Day < settings.FromDay)
        {
            return 0;
        }

        var period = BillingPeriod.Containing(today);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<VidnovaDbContext>();
        // Accounts with a meter in service and no reading counted for the month (the installation's is no reading sent).
        var due = await db.Set<ReadingReminderSubscription>().AsNoTracking()
            .Where(s => db.Set<Meter>().Any(m => m.AccountNumber == s.AccountNumber && m.RemovedOn == null)
                && !db.Set<MeterReading>().Any(r => r.AccountNumber == s.AccountNumber && r.Period == period && r.Source != ReadingSource.Installation))
            .OrderBy(s => s.AccountNumber).ThenBy(s => s.LoginId)
            .Select(s => new { s.LoginId, s.AccountNumber })
            .ToListAsync(cancellationToken);
        var links = services.GetRequiredService<ICustomerAccounts>();
        var contacts = services.GetRequiredService<ICustomerContacts>();
        var outbox = services.GetRequiredService<INotificationOutbox>();
        var queued = 0;
        foreach (var subscription in due)
        {
            var key = KeyOf(period, subscription.AccountNumber, subscription.LoginId);
            if (await outbox.IsQueuedAsync(key, cancellationToken)
                || !await links.IsLinkedAsync(subscription.LoginId, subscription.AccountNumber, cancellationToken)
                || await contacts.ConfirmedEmailAsync(subscription.LoginId, cancellationToken) is not { } email)
            {
                continue;
            }

            outbox.Enqueue(new Notification(key, Render(subscription.AccountNumber, period), email, null, clock.GetCurrentInstant()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }
            catch (DbUpdateException)
            {
                // Another instance queued the same reminder meanwhile (the key is unique): one goes out.
            }

            db.ChangeTracker.Clear();
        }

        if (queued > 0)
        {
            services.GetRequiredService<OutboxSignal>().Notify();
            logger.LogInformation("Queued {Count} reading reminders for {Period}", queued, period);
        }

        return queued;
    }

    private EmailContent Render(AccountNumber account, BillingPeriod period)
    {
        var month = period.FirstDay.ToDateTimeUnspecified().ToString("MMMM yyyy", Ukrainian);
        var from = period.LastDay.PlusDays(1 - ReadingWindow.DaysBeforeMonthEnd).ToDateTimeUnspecified().ToString("d MMMM", Ukrainian);
        var to = period.Next.FirstDay.PlusDays(ReadingWindow.DaysIntoNextMonth - 1).ToDateTimeUnspecified().ToString("d MMMM", Ukrainian);
        var link = $"{site.Value.PublicBaseUrl.TrimEnd('/')}/cabinet/accounts/{account}/readings";
        return EmailLayout.Render("Віднова · показання", $"Передайте показання лічильника за {month} — рахунок {account}",
            "Ви отримали цей лист, бо попросили нагадувати про показання. Вимкнути нагадування можна на сторінці показань в особистому кабінеті.",
            new EmailParagraph($"Передайте показання лічильника за особовим рахунком {account} з {from} по {to}: вони зарахуються як показник на кінець місяця ({month})."),
            new EmailParagraph("Без показань рахунок нараховують за середнім споживанням, а різницю виправляють, коли показання надійдуть."),
            new EmailAction("Передати показання", link));
    }
}
