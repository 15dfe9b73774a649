using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Customers;

/// <summary>
/// A personal account linked to a customer login after the login proved it knows the holder's details. One login may
/// hold several accounts (a flat, a dacha, a parent's flat) and one account several logins (a family); the first login
/// to link an account is its holder's, which sees the others and may remove them.
/// </summary>
public sealed class AccountLink
{
    private AccountLink(Guid id, Guid loginId, AccountNumber accountNumber, bool isHolder, Instant linkedAt)
    {
        Id = id;
        LoginId = loginId;
        AccountNumber = accountNumber;
        IsHolder = isHolder;
        LinkedAt = linkedAt;
    }

    public Guid Id { get; private set; }

    public Guid LoginId { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public bool IsHolder { get; private set; }

    public Instant LinkedAt { get; private set; }

    public static AccountLink Create(Guid loginId, AccountNumber accountNumber, bool isHolder, Instant linkedAt) =>
        new(Guid.NewGuid(), loginId, accountNumber, isHolder, linkedAt);

    /// <summary>The holder's login unlinked itself: the longest-linked remaining login becomes the holder's.</summary>
    public void BecomeHolder() => IsHolder = true;
}

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<AccountLink>
{
    public void Configure(EntityTypeBuilder<AccountLink> builder)
    {
        builder.ToTable("customer_account_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasIndex(l => new { l.LoginId, l.AccountNumber }).IsUnique();
        builder.HasIndex(l => l.AccountNumber);
        builder.HasOne<CustomerLogin>().WithMany().HasForeignKey(l => l.LoginId).OnDelete(DeleteBehavior.Cascade);
    }
}
