using NodaTime;
using Vidnova.Kernel;
using Vidnova.Payments.Statements;

namespace Vidnova.Restoration.PaymentStatements;

/// <summary>What a line of a DSO's bank statement did.</summary>
internal enum StatementLineOutcome
{
    /// <summary>The purpose quotes an application of this DSO awaiting payment, for at least the invoice: sent to the DSO.</summary>
    Confirmed,

    /// <summary>The purpose quotes no application number.</summary>
    NoApplicationNumber,

    /// <summary>The number quoted is not one of ours.</summary>
    UnknownApplication,

    /// <summary>The application belongs to another DSO, so this DSO's account cannot have received its payment.</summary>
    OtherDso,

    /// <summary>The application does not await payment (already sent, restored, cancelled, or not yet invoiced).</summary>
    WrongState,

    /// <summary>Less than the invoice was paid.</summary>
    Underpaid,

    /// <summary>The line matches, but nothing is approved automatically (<c>Receipts:AutoApprove=off</c>): an operator decides.</summary>
    ConfirmationOff,
}

/// <summary>
/// One line of a DSO's bank statement, kept as it arrived (who sent it, when, the raw fields) with what it matched,
/// so staff can settle the lines that confirmed nothing. (DSO, line id) is unique: a line is applied once.
/// </summary>
internal sealed class PaymentStatementLine
{
    private PaymentStatementLine(Guid id, DsoCode dsoCode, string statementId, string lineId, Money amount, LocalDate valueDate, string payerName,
        string? payerIban, string purpose, string receivedBy, string source, Instant receivedAt)
    {
        Id = id;
        DsoCode = dsoCode;
        StatementId = statementId;
        LineId = lineId;
        Amount = amount;
        ValueDate = valueDate;
        PayerName = payerName;
        PayerIban = payerIban;
        Purpose = purpose;
        ReceivedBy = receivedBy;
        Source = source;
        ReceivedAt = receivedAt;
    }

    public const string ApiSource = "api";
    public const string CsvSource = "csv";

    public Guid Id { get; private set; }

    public DsoCode DsoCode { get; private set; }

    public string StatementId { get; private set; }

    /// <summary>The bank's own identifier of the line; unique per DSO.</summary>
    public string LineId { get; private set; }

    public Money Amount { get; private set; }

    public LocalDate ValueDate { get; private set; }

    public string PayerName { get; private set; }

    public string? PayerIban { get; private set; }

    public string Purpose { get; private set; }

    /// <summary>The DSO's key (<c>dso:…</c>) or the staff member who uploaded the file (<c>staff:…</c>).</summary>
    public string ReceivedBy { get; private set; }

    /// <summary><c>api</c> or <c>csv</c>.</summary>
    public string Source { get; private set; }

    public Instant ReceivedAt { get; private set; }

    public StatementLineOutcome Outcome { get; private set; }

    /// <summary>The application the purpose quoted, when it is one of ours (of this DSO or not).</summary>
    public Guid? ApplicationId { get; private set; }

    public string? ApplicationNumber { get; private set; }

    public static PaymentStatementLine Record(DsoCode dso, string statementId, StatementLine line, StatementMatch match, string receivedBy, string source, Instant now) =>
        new(Guid.NewGuid(), dso, statementId, line.LineId, line.Amount, line.ValueDate, line.PayerName, line.PayerIban?.Value, line.Purpose,
            receivedBy, source, now)
        {
            Outcome = match.Outcome,
            ApplicationId = match.Application?.Id,
            ApplicationNumber = match.Application?.Number ?? match.QuotedNumber,
        };
}
