using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Payments.Statements;
using Vidnova.Persistence;
using Vidnova.Restoration.DsoEvents;
using Vidnova.Restoration.Notifications;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration.PaymentStatements;

/// <param name="Source"><c>api</c> when the DSO's system posted it, <c>csv</c> when staff uploaded the bank's file.</param>
internal sealed record ImportPaymentStatementCommand(DsoCode Dso, string? StatementId, IReadOnlyList<StatementLineDraft?>? Lines, string ReceivedBy, string Source);

internal sealed record ImportedLine(string LineId, StatementLineOutcome Outcome, string? ApplicationNumber);

/// <summary>Per line of the call, in its order: what each new line did, and which lines had been received before.</summary>
internal sealed record StatementImportResult(IReadOnlyList<ImportedLine> Applied, IReadOnlyList<string> Duplicates)
{
    public IEnumerable<ImportedLine> Matched => Applied.Where(l => l.Outcome == StatementLineOutcome.Confirmed);

    public IEnumerable<ImportedLine> Unmatched => Applied.Where(l => l.Outcome != StatementLineOutcome.Confirmed);
}

/// <summary>
/// Takes a DSO's bank statement — posted by its system or uploaded by staff as a file — and confirms the payments it
/// proves. The whole statement is validated first and applied in one transaction, so a bad line changes nothing; each
/// line is applied once per DSO (its line id), so posting the statement again changes nothing either.
/// </summary>
internal sealed class ImportPaymentStatement(VidnovaDbContext db, IClock clock, RestorationEmails emails, INotificationOutbox notifications, OutboxSignal outbox, PlaceRestorationWorkOrder workOrders,
    IOptions<ReceiptApprovalOptions> approval, IOptions<PaymentLimits> limits, ILogger<ImportPaymentStatement> logger)
{
    /// <summary>Two posts of the same lines at once: the loser's transaction is rolled back and tried again, finding the winner's lines.</summary>
    private const int Attempts = 3;

    public async Task<StatementImportResult> HandleAsync(ImportPaymentStatementCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var (statementId, lines) = StatementLines.Validate(command.StatementId, command.Lines, KyivTime.DateOf(now), limits.Value);
        var mode = approval.Value.AutoApprove;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await ApplyAsync(command, statementId, lines, mode, now, cancellationToken);
                outbox.Notify();
                workOrders.Notify();
                return result;
            }
            catch (DbUpdateException exception) when (exception.IsLostRace() && attempt < Attempts)
            {
                logger.LogInformation("Statement {StatementId} of {Dso} raced another import; applying it again", statementId, command.Dso);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<StatementImportResult> ApplyAsync(ImportPaymentStatementCommand command, string statementId, IReadOnlyList<StatementLine> lines,
        ReceiptApprovalMode mode, Instant now, CancellationToken cancellationToken)
    {
        var dso = command.Dso;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // One import of a DSO's statements at a time, until commit: six concurrent posts of one line otherwise
            // deadlocked on PostgreSQL (each waiting on the other's unique keys) until the retries ran out. A
            // statement is a daily file, so waiting costs nothing; the next one then reads the lines as duplicates.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"payment-statement:" + dso.Value}))", cancellationToken);
        }

        var lineIds = lines.Select(l => l.LineId).Distinct().ToList();
        var seen = (await db.Set<PaymentStatementLine>().AsNoTracking()
                .Where(l => l.DsoCode == dso && lineIds.Contains(l.LineId))
                .Select(l => l.LineId)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var numbers = lines.SelectMany(l => StatementMatching.QuotedNumbers(l.Purpose)).Distinct().ToList();
        var quoted = await db.Set<RestorationApplication>().Where(a => numbers.Contains(a.Number)).ToListAsync(cancellationToken);

        var applied = new List<ImportedLine>();
        var duplicates = new List<string>();
        foreach (var line in lines)
        {
            if (!seen.Add(line.LineId))
            {
                duplicates.Add(line.LineId);
                continue;
            }

            var match = StatementMatching.Match(line, dso, quoted, mode);
            if (match.Outcome == StatementLineOutcome.Confirmed)
            {
                var application = match.Application!;
                application.ConfirmPaymentByStatement(Actors.DsoStatement(dso), Describe(statementId, line), now);
                notifications.Enqueue(emails.PaymentConfirmedByStatement(application, now));
                await workOrders.PlaceAsync(application, now, cancellationToken);
            }

            db.Add(PaymentStatementLine.Record(dso, statementId, line, match, command.ReceivedBy, command.Source, now));
            applied.Add(new ImportedLine(line.LineId, match.Outcome, match.QuotedNumber));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StatementImportResult(applied, duplicates);
    }

    private static string Describe(string statementId, StatementLine line) =>
        string.Format(CultureInfo.InvariantCulture, "виписка {0}, рядок {1}: {2} від {3:dd.MM.yyyy}, платник {4}",
            statementId, line.LineId, line.Amount.ToString(null, CultureInfo.InvariantCulture), line.ValueDate, line.PayerName);
}
