using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Billing.Bills;

/// <summary>What a bill line is: the period's energy, or a correction of volumes billed earlier by estimate.</summary>
public enum BillLineKind
{
    Energy,

    /// <summary>Actual consumption since the last actual reading minus what was estimated for those months (issue 12).</summary>
    Correction,
}

/// <summary>How a bill without readings estimated the consumption.</summary>
public enum EstimateMethod
{
    /// <summary>The average daily consumption between the two latest actual readings at least Billing:EstimateMinimumDays apart.</summary>
    AverageDaily,

    /// <summary>The same month of the previous year's bill.</summary>
    SameMonthLastYear,

    /// <summary>Nothing to estimate from: zero kWh, flagged for staff to read the meter.</summary>
    None,
}

public static class BillNames
{
    public static string Of(BillLineKind kind) => kind switch
    {
        BillLineKind.Energy => "energy",
        BillLineKind.Correction => "correction",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(EstimateMethod method) => method switch
    {
        EstimateMethod.AverageDaily => "averageDaily",
        EstimateMethod.SameMonthLastYear => "sameMonthLastYear",
        EstimateMethod.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}

/// <summary>One line of a bill: kWh of one zone at one price; its amount rounded to the kopiyka once, half away from zero.</summary>
public sealed record BillLine(BillLineKind Kind, MeterZone Zone, Kwh Kwh, PricePerKwh Price, Money Amount);

/// <summary>
/// The monthly bill of one personal account for one period; there is one per account and period whatever happens
/// (a unique index), so a rerun or a second instance cannot bill an account twice. Its charge is the one ledger entry
/// <see cref="LedgerEntryId"/>; the balance figures are the ledger's when the bill was made.
/// <list type="bullet">
/// <item><see cref="PreviousBalance"/>: what the account owed at the start of the period (the balance before this charge plus the payments since).</item>
/// <item><see cref="Payments"/>: payments (less reversals) posted from the period's first day until the bill was made.</item>
/// <item><see cref="ToPay"/>: the balance after this charge, never below zero (an overpayment is credit).</item>
/// </list>
/// </summary>
public sealed class Bill
{
    private readonly List<BillLine> _lines = [];

    private Bill()
    {
    }

    public Guid Id { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public BillingPeriod Period { get; private set; }

    /// <summary>The run that made the bill.</summary>
    public Guid RunId { get; private set; }

    public bool Estimated { get; private set; }

    public EstimateMethod? EstimateMethod { get; private set; }

    /// <summary>For an estimate: the average daily kWh it used (total over zones).</summary>
    public decimal? AverageDailyKwh { get; private set; }

    /// <summary>The period's consumption: the energy lines' kWh (corrections are of earlier months).</summary>
    public Kwh Kwh { get; private set; }

    /// <summary>The charge: the sum of the lines' rounded amounts.</summary>
    public Money Amount { get; private set; }

    public Money PreviousBalance { get; private set; }

    public Money Payments { get; private set; }

    public Money ToPay { get; private set; }

    public LocalDate DueDate { get; private set; }

    /// <summary>The newest reading this bill, or an earlier one, accounted for; an estimate keeps its predecessor's.</summary>
    public LocalDate? ReadingsThrough { get; private set; }

    /// <summary>The ledger entry of the charge; null when the bill charges nothing (no consumption).</summary>
    public Guid? LedgerEntryId { get; private set; }

    public Instant IssuedAt { get; private set; }

    public IReadOnlyList<BillLine> Lines => _lines;

    /// <summary>The energy kWh per zone, as the consumption chart shows it.</summary>
    public IReadOnlyDictionary<MeterZone, Kwh> ZoneKwh => _lines.Where(l => l.Kind == BillLineKind.Energy)
        .GroupBy(l => l.Zone).ToDictionary(g => g.Key, g => Kwh.FromWh(g.Sum(l => l.Kwh.Wh)));

    public static Bill Issue(Guid runId, AccountNumber account, BillingPeriod period, IReadOnlyList<BillLine> lines, BillEstimate? estimate,
        LocalDate? readingsThrough, Money balanceBefore, Money payments, LocalDate dueDate, Instant at)
    {
        var amount = lines.Aggregate(Money.Zero, (sum, line) => sum + line.Amount);
        var after = balanceBefore + amount;
        var bill = new Bill
        {
            Id = Guid.NewGuid(),
            AccountNumber = account,
            Period = period,
            RunId = runId,
            Estimated = estimate is not null,
            EstimateMethod = estimate?.Method,
            AverageDailyKwh = estimate?.AverageDailyKwh,
            Kwh = Kwh.FromWh(lines.Where(l => l.Kind == BillLineKind.Energy).Sum(l => l.Kwh.Wh)),
            Amount = amount,
            PreviousBalance = balanceBefore + payments,
            Payments = payments,
            ToPay = Money.Max(after, Money.Zero),
            DueDate = dueDate,
            ReadingsThrough = readingsThrough,
            IssuedAt = at,
        };
        bill._lines.AddRange(lines);
        if (amount != Money.Zero)
        {
            bill.LedgerEntryId = Guid.NewGuid();
        }

        return bill;
    }
}

/// <summary>How a bill's consumption was estimated.</summary>
public sealed record BillEstimate(EstimateMethod Method, decimal AverageDailyKwh);
