using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Readings.Reminders;

/// <summary>A customer login that asked to be reminded by email to send the readings of one of its accounts.</summary>
internal sealed class ReadingReminderSubscription
{
    private ReadingReminderSubscription()
    {
    }

    public Guid LoginId { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public Instant SubscribedAt { get; private set; }

    public static ReadingReminderSubscription Start(Guid loginId, AccountNumber account, Instant at) =>
        new() { LoginId = loginId, AccountNumber = account, SubscribedAt = at };
}

internal sealed class ReadingReminderSubscriptionConfiguration : IEntityTypeConfiguration<ReadingReminderSubscription>
{
    public void Configure(EntityTypeBuilder<ReadingReminderSubscription> builder)
    {
        builder.ToTable("reading_reminder_subscriptions");
        // One choice per login and account: asking twice, from two tabs, is one subscription.
        builder.HasKey(s => new { s.LoginId, s.AccountNumber });
        builder.HasIndex(s => s.AccountNumber);
    }
}

/// <summary>The cabinet's checkbox «Нагадувати»: whether a login is reminded about an account, and turning it on or off.</summary>
internal sealed class ReadingReminderChoice(VidnovaDbContext db, IClock clock)
{
    public Task<bool> IsOnAsync(Guid loginId, AccountNumber account, CancellationToken cancellationToken) =>
        db.Set<ReadingReminderSubscription>().AnyAsync(s => s.LoginId == loginId && s.AccountNumber == account, cancellationToken);

    public Task SetAsync(Guid loginId, AccountNumber account, bool on, CancellationToken cancellationToken) =>
        OptIns.SetAsync(db, db.Set<ReadingReminderSubscription>().Where(s => s.LoginId == loginId && s.AccountNumber == account), on,
            () => ReadingReminderSubscription.Start(loginId, account, clock.GetCurrentInstant()), cancellationToken);
}
