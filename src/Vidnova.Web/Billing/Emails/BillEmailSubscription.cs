using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Billing.Emails;

/// <summary>
/// A customer login that asked for the bills of one of its accounts by email. Opt-in per login and account, as the
/// reading reminders are: a family's account can have several logins, and each decides for its own mailbox.
/// </summary>
internal sealed class BillEmailSubscription
{
    private BillEmailSubscription()
    {
    }

    public Guid LoginId { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public Instant SubscribedAt { get; private set; }

    public static BillEmailSubscription Start(Guid loginId, AccountNumber account, Instant at) =>
        new() { LoginId = loginId, AccountNumber = account, SubscribedAt = at };
}

internal sealed class BillEmailSubscriptionConfiguration : IEntityTypeConfiguration<BillEmailSubscription>
{
    public void Configure(EntityTypeBuilder<BillEmailSubscription> builder)
    {
        builder.ToTable("bill_email_subscriptions");
        // One choice per login and account: asking twice, from two tabs, is one subscription.
        builder.HasKey(s => new { s.LoginId, s.AccountNumber });
        // The billing run looks the subscriptions up by its batch's accounts.
        builder.HasIndex(s => s.AccountNumber);
    }
}

/// <summary>The cabinet's checkbox «Надсилати рахунки на email»: whether a login gets an account's bills by email, and turning it on or off.</summary>
internal sealed class BillEmailChoice(VidnovaDbContext db, IClock clock)
{
    public Task<bool> IsOnAsync(Guid loginId, AccountNumber account, CancellationToken cancellationToken) =>
        db.Set<BillEmailSubscription>().AnyAsync(s => s.LoginId == loginId && s.AccountNumber == account, cancellationToken);

    public Task SetAsync(Guid loginId, AccountNumber account, bool on, CancellationToken cancellationToken) =>
        OptIns.SetAsync(db, db.Set<BillEmailSubscription>().Where(s => s.LoginId == loginId && s.AccountNumber == account), on,
            () => BillEmailSubscription.Start(loginId, account, clock.GetCurrentInstant()), cancellationToken);
}
