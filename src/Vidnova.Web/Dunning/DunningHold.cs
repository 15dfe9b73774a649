using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Dunning;

/// <summary>One reason dunning leaves an account alone (see <see cref="IDunningHolds"/>), from its placing to its release.</summary>
internal sealed class DunningHold
{
    private DunningHold(Guid reference, AccountNumber accountNumber, DunningHoldReason reason, Instant placedAt)
    {
        Reference = reference;
        AccountNumber = accountNumber;
        Reason = reason;
        PlacedAt = placedAt;
    }

    /// <summary>The id the placing capability gave (a schedule's, a court ruling's).</summary>
    public Guid Reference { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public DunningHoldReason Reason { get; private set; }

    public Instant PlacedAt { get; private set; }

    public Instant? ReleasedAt { get; private set; }

    public bool IsActive => ReleasedAt is null;

    public static DunningHold Place(Guid reference, AccountNumber account, DunningHoldReason reason, Instant at) => new(reference, account, reason, at);

    public void Release(Instant at) => ReleasedAt ??= at;
}

internal sealed class DunningHolds(VidnovaDbContext db) : IDunningHolds
{
    public async Task HoldAsync(AccountNumber account, DunningHoldReason reason, Guid reference, Instant at, CancellationToken cancellationToken)
    {
        if (await FindAsync(reference, cancellationToken) is null)
        {
            db.Add(DunningHold.Place(reference, account, reason, at));
        }
    }

    public async Task ReleaseAsync(Guid reference, Instant at, CancellationToken cancellationToken) =>
        (await FindAsync(reference, cancellationToken))?.Release(at);

    private async Task<DunningHold?> FindAsync(Guid reference, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<DunningHold>().Select(e => e.Entity).FirstOrDefault(h => h.Reference == reference)
        ?? await db.Set<DunningHold>().SingleOrDefaultAsync(h => h.Reference == reference, cancellationToken);
}

internal sealed class DunningHoldConfiguration : IEntityTypeConfiguration<DunningHold>
{
    public void Configure(EntityTypeBuilder<DunningHold> builder)
    {
        builder.ToTable("dunning_holds");
        builder.HasKey(h => h.Reference);
        builder.Property(h => h.Reference).ValueGeneratedNever();
        builder.Property(h => h.Reason).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(h => h.AccountNumber);
        builder.Ignore(h => h.IsActive);
    }
}
