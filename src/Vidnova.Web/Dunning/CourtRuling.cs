using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Dunning;

/// <summary>What recording a court's ruling did to the account's dunning.</summary>
public enum CourtRulingOutcome
{
    /// <summary>Before the disconnection: the case was ended (its order cancelled) and no new one opens while the dispute lasts.</summary>
    DisconnectionPrevented,

    /// <summary>After the disconnection: a restoration order went to the DSO (PRRE 7.11).</summary>
    RestorationOrdered,

    /// <summary>No case was open and the supply is on: the dispute keeps new cases away.</summary>
    Recorded,
}

/// <summary>
/// A court's ruling opening proceedings over the account's debt, as staff recorded it with the scan they were handed
/// (PRRE 7.11 as amended by NEURC No. 1673 of 21.10.2025, in force 01.12.2025). Households only; while it stands
/// (until staff record the dispute's end) dunning leaves the account alone.
/// </summary>
internal sealed class CourtRuling
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    private CourtRuling(Guid id, AccountNumber accountNumber, string court, string courtCaseNumber, LocalDate openedOn, string fileName,
        string contentType, byte[] content, string recordedBy, Instant recordedAt)
    {
        Id = id;
        AccountNumber = accountNumber;
        Court = court;
        CourtCaseNumber = courtCaseNumber;
        OpenedOn = openedOn;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public string Court { get; private set; }

    /// <summary>The court's case number, e.g. <c>757/12345/26-ц</c>.</summary>
    public string CourtCaseNumber { get; private set; }

    /// <summary>The day the court opened proceedings (the ruling's date).</summary>
    public LocalDate OpenedOn { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public byte[] Content { get; private set; }

    public string RecordedBy { get; private set; }

    public Instant RecordedAt { get; private set; }

    public CourtRulingOutcome Outcome { get; private set; }

    /// <summary>The restoration order placed for it, when the point was already off.</summary>
    public Guid? RestorationOrderId { get; private set; }

    public Instant? EndedAt { get; private set; }

    public string? EndedBy { get; private set; }

    public static CourtRuling Record(AccountNumber account, string court, string courtCaseNumber, LocalDate openedOn, string fileName, string contentType,
        byte[] content, string recordedBy, Instant now) =>
        new(Guid.NewGuid(), account, court.Trim(), courtCaseNumber.Trim(), openedOn, fileName, contentType, content, recordedBy, now);

    public void Resulted(CourtRulingOutcome outcome, Guid? restorationOrderId)
    {
        Outcome = outcome;
        RestorationOrderId = restorationOrderId;
    }

    /// <summary>The dispute is over (judgment given or the claim withdrawn): false when it was ended before.</summary>
    public bool End(string endedBy, Instant now)
    {
        if (EndedAt is not null)
        {
            return false;
        }

        EndedAt = now;
        EndedBy = endedBy;
        return true;
    }
}

internal sealed class CourtRulingConfiguration : IEntityTypeConfiguration<CourtRuling>
{
    public void Configure(EntityTypeBuilder<CourtRuling> builder)
    {
        builder.ToTable("dunning_court_rulings");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Court).HasMaxLength(200);
        builder.Property(r => r.CourtCaseNumber).HasMaxLength(60);
        builder.Property(r => r.FileName).HasMaxLength(200);
        builder.Property(r => r.ContentType).HasMaxLength(60);
        builder.Property(r => r.RecordedBy).HasMaxLength(120);
        builder.Property(r => r.EndedBy).HasMaxLength(120);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(r => r.AccountNumber);
    }
}
