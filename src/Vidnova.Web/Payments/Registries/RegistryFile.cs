using System.Globalization;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

/// <summary>One payment row of a registry, as read: the account number still text (a typo waits for staff), the rest checked.</summary>
/// <param name="Row">The row's number in the registry (1, 2, …): with the partner and the registry number it identifies the payment.</param>
/// <param name="FileLine">The line of the file it was read from, for the sentences that point staff to it.</param>
/// <param name="Readings">The meter readings the row carries, as the Readings API takes them (<c>total</c>, <c>day</c>, <c>night</c>…).</param>
public sealed record RegistryRow(
    int Row,
    long FileLine,
    string Reference,
    string AccountNumber,
    string PayerName,
    Money Amount,
    LocalDate PaidOn,
    string Purpose,
    IReadOnlyDictionary<string, decimal>? Readings,
    Money Commission);

/// <summary>What a registry's own footer says it holds; each given figure must agree with the rows.</summary>
public sealed record RegistryTotals(int? Count, Money? Amount, Money? Commission, Money? ToTransfer);

/// <summary>A registry file read under its partner's format, before its totals are reconciled.</summary>
public sealed record RegistryFile(string RegistryNumber, LocalDate? RegistryDate, IReadOnlyList<RegistryRow> Rows, RegistryTotals? Footer)
{
    public Money Amount => Rows.Aggregate(Money.Zero, (sum, row) => sum + row.Amount);

    public Money Commission => Rows.Aggregate(Money.Zero, (sum, row) => sum + row.Commission);

    /// <summary>
    /// The registry's totals must be the sum of its rows, or the file is refused whole: a partner's footer is its own
    /// statement of what it transfers, and a file that disagrees with itself was cut, edited or mis-exported.
    /// </summary>
    public void Reconcile()
    {
        if (Footer is not { } footer)
        {
            return;
        }

        var ukrainian = CultureInfo.InvariantCulture;
        if (footer.Count is { } count && count != Rows.Count)
        {
            throw Mismatch("У підсумку реєстру {0} платежів: {1}, а рядків у файлі {2}. Реєстр не прийнято — попросіть партнера надіслати повний файл.",
                RegistryNumber, count, Rows.Count);
        }

        if (footer.Amount is { } amount && amount != Amount)
        {
            throw Mismatch("У підсумку реєстру {0} сума {1}, а рядки дають {2} (різниця {3}). Реєстр не прийнято — попросіть партнера перевірити файл.",
                RegistryNumber, amount.ToString(null, ukrainian), Amount.ToString(null, ukrainian), (amount - Amount).ToString(null, ukrainian));
        }

        if (footer.Commission is { } commission && commission != Commission)
        {
            throw Mismatch("У підсумку реєстру {0} комісія банку {1}, а рядки дають {2}. Реєстр не прийнято — попросіть партнера перевірити файл.",
                RegistryNumber, commission.ToString(null, ukrainian), Commission.ToString(null, ukrainian));
        }

        if (footer.ToTransfer is { } transfer && footer.Amount is { } accepted && footer.Commission is { } bank && transfer != accepted - bank)
        {
            throw Mismatch("У підсумку реєстру {0} до перерахування {1}, а прийнято {2} мінус комісія {3} — це {4}. Реєстр не прийнято — попросіть партнера перевірити файл.",
                RegistryNumber, transfer.ToString(null, ukrainian), accepted.ToString(null, ukrainian), bank.ToString(null, ukrainian), (accepted - bank).ToString(null, ukrainian));
        }
    }

    private static BusinessRuleException Mismatch(string format, params object[] arguments) =>
        new("registry_totals_mismatch", format, arguments) { Category = RefusalCategory.InvalidInput };
}

/// <summary>The bounds a registry file is read within (<c>Payments:Registries</c>).</summary>
public sealed class RegistryLimits
{
    public const string Section = "Payments:Registries";

    /// <summary>A larger file is refused before it is decoded.</summary>
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Payment rows in one file; a partner splits a larger day into several registries.</summary>
    public int MaxRows { get; set; } = 20_000;

    /// <summary>Characters in one line of the file; a longer line is not a registry row.</summary>
    public int MaxLineLength { get; set; } = 2_000;
}
