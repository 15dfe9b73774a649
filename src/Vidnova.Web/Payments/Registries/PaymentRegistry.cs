using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

/// <summary>A partner's registry as first received: one per partner and registry number, however often the file is sent.</summary>
internal sealed class PaymentRegistry
{
    public const int MaxNumberLength = 80;

    private PaymentRegistry(Guid id, string partnerCode, string registryNumber, LocalDate? registryDate, string fileName, int rows, Money amount,
        string receivedBy, Instant receivedAt)
    {
        Id = id;
        PartnerCode = partnerCode;
        RegistryNumber = registryNumber;
        RegistryDate = registryDate;
        FileName = fileName;
        Rows = rows;
        Amount = amount;
        ReceivedBy = receivedBy;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    public string PartnerCode { get; private set; }

    public string RegistryNumber { get; private set; }

    public LocalDate? RegistryDate { get; private set; }

    public string FileName { get; private set; }

    public int Rows { get; private set; }

    public Money Amount { get; private set; }

    /// <summary><c>partner:privatbank</c> for the partner's key, <c>staff:…</c> for a back-office upload.</summary>
    public string ReceivedBy { get; private set; }

    public Instant ReceivedAt { get; private set; }

    /// <summary>Rows received again in later copies of the file, which posted nothing.</summary>
    public int DuplicateRows { get; private set; }

    public void CountDuplicates(int rows) => DuplicateRows += rows;

    public static PaymentRegistry Receive(string partnerCode, RegistryFile file, string fileName, string receivedBy, Instant at) =>
        new(Guid.NewGuid(), partnerCode, file.RegistryNumber, file.RegistryDate, fileName, file.Rows.Count, file.Amount, receivedBy, at);
}

public enum RegistryRowStatus
{
    /// <summary>Booked to the account the row names.</summary>
    Posted,

    /// <summary>No such account: waits in the unmatched-payments queue for staff.</summary>
    Unmatched,

    /// <summary>Staff found the account and booked it there.</summary>
    Assigned,

    /// <summary>Staff sent the money back to the partner; nothing was booked.</summary>
    Returned,
}

/// <summary>
/// One payment row of a registry: posted once per (partner, registry number, row) — the unique key — so the same
/// file sent again finds its rows and changes nothing. A row whose account does not exist waits for staff, who assign
/// it to an account or return it; both decisions are audited (<see cref="RegistryRowDecision"/>).
/// </summary>
internal sealed class PaymentRegistryRow
{
    // For EF Core, which sets the properties itself.
    private PaymentRegistryRow()
    {
        PartnerCode = RegistryNumber = Reference = AccountNumberText = PayerName = Purpose = "";
    }

    private static PaymentRegistryRow From(PaymentRegistry registry, RegistryRow row, Instant receivedAt) => new()
    {
        Id = Guid.NewGuid(),
        RegistryId = registry.Id,
        PartnerCode = registry.PartnerCode,
        RegistryNumber = registry.RegistryNumber,
        Row = row.Row,
        Reference = row.Reference,
        AccountNumberText = row.AccountNumber,
        PayerName = row.PayerName,
        Amount = row.Amount,
        Commission = row.Commission,
        PaidOn = row.PaidOn,
        Purpose = row.Purpose,
        Readings = FormatReadings(row.Readings),
        ReceivedAt = receivedAt,
    };

    public Guid Id { get; private set; }

    public Guid RegistryId { get; private set; }

    public string PartnerCode { get; private set; }

    public string RegistryNumber { get; private set; }

    public int Row { get; private set; }

    public string Reference { get; private set; }

    /// <summary>The account number as the registry wrote it, typo and all.</summary>
    public string AccountNumberText { get; private set; }

    public string PayerName { get; private set; }

    public Money Amount { get; private set; }

    public Money Commission { get; private set; }

    public LocalDate PaidOn { get; private set; }

    public string Purpose { get; private set; }

    /// <summary>The readings the row carried, as <c>day=6180;night=2590</c>.</summary>
    public string? Readings { get; private set; }

    /// <summary>What became of the readings: <c>accepted</c>, or the code the Readings module refused them with.</summary>
    public string? ReadingOutcome { get; private set; }

    public RegistryRowStatus Status { get; private set; }

    /// <summary>The account the payment was booked to (the row's own, or the one staff assigned).</summary>
    public AccountNumber? AccountNumber { get; private set; }

    public Guid? PaymentId { get; private set; }

    public Instant ReceivedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public Instant? DecidedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>The reference of the row's payment in the ledger, under the partner's channel.</summary>
    public string PaymentReference => $"{RegistryNumber}/{Row}";

    public static PaymentRegistryRow Posted(PaymentRegistry registry, RegistryRow row, AccountNumber account, Guid paymentId, Instant at)
    {
        var entity = From(registry, row, at);
        entity.Status = RegistryRowStatus.Posted;
        entity.AccountNumber = account;
        entity.PaymentId = paymentId;
        return entity;
    }

    public static PaymentRegistryRow Unmatched(PaymentRegistry registry, RegistryRow row, Instant at)
    {
        var entity = From(registry, row, at);
        entity.Status = RegistryRowStatus.Unmatched;
        return entity;
    }

    /// <summary>Whether a row sent again is this one; a different amount or account under the same row number is another payment.</summary>
    public bool IsSameAs(RegistryRow row) => Amount == row.Amount && AccountNumberText == row.AccountNumber;

    public RegistryRowDecision Assign(AccountNumber account, Guid paymentId, string actor, Instant at)
    {
        EnsureWaiting();
        Status = RegistryRowStatus.Assigned;
        AccountNumber = account;
        PaymentId = paymentId;
        DecidedBy = actor;
        DecidedAt = at;
        return RegistryRowDecision.Record(this, "assigned", account.Value, null, actor, at);
    }

    public RegistryRowDecision Return(string reason, string actor, Instant at)
    {
        EnsureWaiting();
        Status = RegistryRowStatus.Returned;
        ReturnReason = reason;
        DecidedBy = actor;
        DecidedAt = at;
        return RegistryRowDecision.Record(this, "returned", null, reason, actor, at);
    }

    public void ReadingsFiled(string outcome) => ReadingOutcome = outcome;

    public IReadOnlyDictionary<string, decimal>? ParsedReadings() => Readings is null
        ? null
        : Readings.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => decimal.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

    private void EnsureWaiting()
    {
        if (Status != RegistryRowStatus.Unmatched)
        {
            throw new BusinessRuleException("unmatched_payment_already_decided",
                "Платіж {0} з реєстру {1} уже не чекає рішення ({2} {3}). Оновіть сторінку.", Row, RegistryNumber, DecidedBy ?? "", Status.ToString().ToLowerInvariant());
        }
    }

    private static string? FormatReadings(IReadOnlyDictionary<string, decimal>? readings) => readings is null || readings.Count == 0
        ? null
        : string.Join(';', readings.Select(r => $"{r.Key}={r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}

/// <summary>The audit of the unmatched-payments queue: who assigned or returned which row, where to and why.</summary>
internal sealed class RegistryRowDecision
{
    private RegistryRowDecision(Guid id, Guid rowId, string action, string? accountNumber, string? reason, string actor, Instant at)
    {
        Id = id;
        RowId = rowId;
        Action = action;
        AccountNumber = accountNumber;
        Reason = reason;
        Actor = actor;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid RowId { get; private set; }

    /// <summary><c>assigned</c> or <c>returned</c>.</summary>
    public string Action { get; private set; }

    public string? AccountNumber { get; private set; }

    public string? Reason { get; private set; }

    public string Actor { get; private set; }

    public Instant At { get; private set; }

    public static RegistryRowDecision Record(PaymentRegistryRow row, string action, string? accountNumber, string? reason, string actor, Instant at) =>
        new(Guid.NewGuid(), row.Id, action, accountNumber, reason, actor, at);
}
