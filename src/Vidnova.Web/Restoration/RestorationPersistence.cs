using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidnova.Accounts;

namespace Vidnova.Restoration;

internal sealed class RestorationApplicationConfiguration : IEntityTypeConfiguration<RestorationApplication>
{
    public void Configure(EntityTypeBuilder<RestorationApplication> builder)
    {
        builder.ToTable("restoration_applications");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Number).HasMaxLength(20);
        builder.HasIndex(a => a.Number).IsUnique();
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.Property(a => a.Phone).HasMaxLength(20);
        builder.Property(a => a.AccessTokenHash).HasMaxLength(64);
        builder.Property(a => a.ConfirmationCodeHash).HasMaxLength(64);
        builder.Property(a => a.ReplyToken).HasMaxLength(32);
        builder.HasIndex(a => a.ReplyToken).IsUnique();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.AccountNumber, a.Status });
        // One open application per account, even when two submissions race.
        builder.HasIndex(a => a.AccountNumber, "ux_open_application_per_account")
            .IsUnique()
            .HasFilter("\"Status\" NOT IN ('Restored', 'RejectedByDso', 'Cancelled')");
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
        builder.HasOne<PersonalAccount>().WithMany().HasForeignKey(a => a.AccountNumber);
        builder.Ignore(a => a.IsOpen);
        builder.Ignore(a => a.ReceiptUnderReview);
        builder.Ignore(a => a.AcceptsReceipt);

        builder.OwnsOne(a => a.Invoice, invoice =>
        {
            invoice.Property(i => i.RecipientName).HasMaxLength(200);
            invoice.Property(i => i.Purpose).HasMaxLength(420);
        });

        builder.OwnsOne(a => a.DsoRequest, request =>
        {
            request.Property(r => r.Id).HasColumnName("DsoRequestId");
            request.HasIndex(r => r.Id).IsUnique();
            request.Property(r => r.RejectionReason).HasMaxLength(1000);
        });

        builder.OwnsOne(a => a.Compensation);

        builder.OwnsMany(a => a.Timeline, entry =>
        {
            entry.ToTable("application_timeline");
            entry.WithOwner().HasForeignKey("ApplicationId");
            entry.Property<int>("Id");
            entry.HasKey("Id");
            entry.Ignore(e => e.Actor);
            entry.Property(e => e.ActorKind).HasConversion(kind => Actor.KindName(kind), name => Actor.ParseKind(name)).HasMaxLength(20);
            entry.Property(e => e.ActorId).HasMaxLength(120);
            entry.Property(e => e.Kind).HasMaxLength(40);
            // The facts a sentence needs, as a JSON object of strings; see TimelineText for the sentences.
            entry.Property(e => e.Data).HasMaxLength(4000);
        });
        builder.Navigation(a => a.Timeline).HasField("_timeline");

        builder.OwnsMany(a => a.Receipts, receipt =>
        {
            receipt.ToTable("receipts");
            receipt.WithOwner().HasForeignKey("ApplicationId");
            receipt.HasKey(r => r.Id);
            receipt.Property(r => r.Id).ValueGeneratedNever();
            receipt.Property(r => r.FileName).HasMaxLength(255);
            receipt.Property(r => r.ContentType).HasMaxLength(100);
            receipt.Property(r => r.Sha256).HasMaxLength(64);
            receipt.Property(r => r.DecidedBy).HasMaxLength(120);
            receipt.Property(r => r.RejectionReason).HasMaxLength(1000);
            receipt.HasIndex(r => r.SourceEmailId);
        });
        builder.Navigation(a => a.Receipts).HasField("_receipts");
    }
}

internal sealed class ReceiptFileConfiguration : IEntityTypeConfiguration<ReceiptFile>
{
    public void Configure(EntityTypeBuilder<ReceiptFile> builder)
    {
        builder.ToTable("receipt_files");
        builder.HasKey(f => f.ReceiptId);
    }
}

/// <summary>The last application number given out in a year; numbers run VN-2026-000001, VN-2026-000002, …</summary>
internal sealed class ApplicationNumberSequence(int year)
{
    public int Year { get; private set; } = year;

    public int LastValue { get; private set; }

    public static string Format(int year, int value) => $"VN-{year}-{value:000000}";
}

internal sealed class ApplicationNumberSequenceConfiguration : IEntityTypeConfiguration<ApplicationNumberSequence>
{
    public void Configure(EntityTypeBuilder<ApplicationNumberSequence> builder)
    {
        builder.ToTable("application_number_sequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}
