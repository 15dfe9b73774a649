using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Customers;

public enum AccountLinkChange
{
    Linked,
    Unlinked,
}

/// <summary>
/// The audit of account links: who linked or unlinked which login and account, and when — the login itself, the
/// account holder's login removing a family member's, or a supervisor in the back office.
/// </summary>
public sealed class AccountLinkEvent
{
    private AccountLinkEvent(Guid id, Guid loginId, AccountNumber accountNumber, AccountLinkChange change, string actor, string? reason, Instant at)
    {
        Id = id;
        LoginId = loginId;
        AccountNumber = accountNumber;
        Change = change;
        Actor = actor;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid LoginId { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public AccountLinkChange Change { get; private set; }

    /// <summary>Who did it, as timelines name actors: <c>customer:{loginId}</c> or <c>staff:{login}</c>.</summary>
    public string Actor { get; private set; }

    public string? Reason { get; private set; }

    public Instant At { get; private set; }

    public static AccountLinkEvent Linked(AccountLink link, string actor) =>
        new(Guid.NewGuid(), link.LoginId, link.AccountNumber, AccountLinkChange.Linked, actor, null, link.LinkedAt);

    public static AccountLinkEvent Unlinked(AccountLink link, string actor, string? reason, Instant at) =>
        new(Guid.NewGuid(), link.LoginId, link.AccountNumber, AccountLinkChange.Unlinked, actor, reason, at);
}

internal sealed class AccountLinkEventConfiguration : IEntityTypeConfiguration<AccountLinkEvent>
{
    public void Configure(EntityTypeBuilder<AccountLinkEvent> builder)
    {
        builder.ToTable("customer_account_link_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(300);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.HasIndex(e => e.AccountNumber);
        builder.HasIndex(e => e.LoginId);
    }
}
