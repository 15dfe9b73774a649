using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Restoration.Deadlines;

/// <summary>A restoration request sent to the DSO, as the SLA dashboard follows it.</summary>
/// <param name="Breach">The missed deadline and the compensation recorded for it; null while none is.</param>
public sealed record RestorationRequestFigures(
    Guid ApplicationId,
    string ApplicationNumber,
    DsoCode DsoCode,
    ApplicationStatus ApplicationStatus,
    DsoRequestStatus RequestStatus,
    Instant SentAt,
    Instant? ReceivedAt,
    LocalDate? Deadline,
    Instant? CompletedAt,
    RecordedBreach? Breach);

/// <summary>A breach of the restoration deadline and the compensation the DSO owes for it (NEURC No. 375).</summary>
public sealed record RecordedBreach(LocalDate MissedDeadline, Money Compensation, Instant RecordedAt);

/// <summary>An application whose DSO missed the restoration deadline, with no breach recorded yet.</summary>
public sealed record MissedRestorationDeadline(Guid ApplicationId, string ApplicationNumber, AccountNumber AccountNumber, LocalDate Deadline);

/// <summary>
/// The restoration deadlines (КСР 11.5.23) as the SLA monitor and dashboard need them, published by Restoration so
/// they never read an application: the requests with their figures, the missed deadlines, and recording a breach
/// (which is the application's rule, and tells the customer).
/// </summary>
public interface IRestorationDeadlines
{
    /// <summary>Every application sent to the DSO, with its request's figures.</summary>
    Task<IReadOnlyList<RestorationRequestFigures>> RequestsAsync(CancellationToken cancellationToken);

    /// <summary>The applications whose deadline was missed by <paramref name="todayInKyiv"/> and whose breach is not recorded.</summary>
    Task<IReadOnlyList<MissedRestorationDeadline>> UnrecordedBreachesAsync(LocalDate todayInKyiv, CancellationToken cancellationToken);

    /// <summary>
    /// Records the breach with the compensation owed and emails the customer about it, saved at once. False when it
    /// was not recorded because another instance did it first (or the DSO reported meanwhile): the next pass sees
    /// the result.
    /// </summary>
    Task<bool> RecordBreachAsync(Guid applicationId, Money compensation, bool household, CancellationToken cancellationToken);
}
