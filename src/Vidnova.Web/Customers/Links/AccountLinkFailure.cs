using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Customers.Links;

/// <summary>
/// One wrong proof sent to link a personal account. Counted per login and per account over the last hour, in the
/// database so that the limit holds on every instance: the account number and surname are printed on every bill, so
/// guessing the rest must stay slow however many logins or instances a guesser uses.
/// </summary>
public sealed class AccountLinkFailure
{
    private AccountLinkFailure(Guid id, Guid loginId, AccountNumber accountNumber, Instant at)
    {
        Id = id;
        LoginId = loginId;
        AccountNumber = accountNumber;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid LoginId { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public Instant At { get; private set; }

    public static AccountLinkFailure Record(Guid loginId, AccountNumber accountNumber, Instant at) =>
        new(Guid.NewGuid(), loginId, accountNumber, at);
}

internal sealed class AccountLinkFailureConfiguration : IEntityTypeConfiguration<AccountLinkFailure>
{
    public void Configure(EntityTypeBuilder<AccountLinkFailure> builder)
    {
        builder.ToTable("customer_account_link_failures");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasIndex(f => new { f.LoginId, f.At });
        builder.HasIndex(f => new { f.AccountNumber, f.At });
        builder.HasOne<CustomerLogin>().WithMany().HasForeignKey(f => f.LoginId).OnDelete(DeleteBehavior.Cascade);
    }
}
