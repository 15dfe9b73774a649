using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidnova.Dso;
using Vidnova.Payments.Statements;

namespace Vidnova.Restoration.PaymentStatements;

internal sealed class PaymentStatementLineConfiguration : IEntityTypeConfiguration<PaymentStatementLine>
{
    public void Configure(EntityTypeBuilder<PaymentStatementLine> builder)
    {
        builder.ToTable("payment_statement_lines");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.StatementId).HasMaxLength(StatementLines.MaxStatementIdLength);
        builder.Property(l => l.LineId).HasMaxLength(StatementLines.MaxLineIdLength);
        // A line is applied once per DSO, even when the same statement is posted twice at the same moment.
        builder.HasIndex(l => new { l.DsoCode, l.LineId }).IsUnique();
        builder.Property(l => l.PayerName).HasMaxLength(StatementLines.MaxPayerNameLength);
        builder.Property(l => l.PayerIban).HasMaxLength(29);
        builder.Property(l => l.Purpose).HasMaxLength(StatementLines.MaxPurposeLength);
        builder.Property(l => l.ReceivedBy).HasMaxLength(120);
        builder.Property(l => l.Source).HasMaxLength(8);
        builder.Property(l => l.ApplicationNumber).HasMaxLength(20);
        builder.HasIndex(l => new { l.Outcome, l.ReceivedAt });
        builder.HasIndex(l => l.ApplicationId);
        builder.HasOne<DistributionOperator>().WithMany().HasForeignKey(l => l.DsoCode);
    }
}
