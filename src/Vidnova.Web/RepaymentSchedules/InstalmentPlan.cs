using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.RepaymentSchedules;

/// <summary>One monthly part of a schedule: its number (from 1), the day it is due and the amount.</summary>
public sealed record PlannedInstalment(int Number, LocalDate DueOn, Money Amount);

/// <summary>
/// How a debt is split into a schedule (issue 14): equal monthly parts rounded down to the kopiyka, the last one taking
/// the remainder, so the parts add up to the debt exactly. The first part is due one month after the day the schedule
/// is asked for (Kyiv), each next one on the same day of the following month; in a month without that day (the 31st,
/// the 29th–31st in February) on its last day. The instalments are due on top of the bills issued meanwhile.
/// </summary>
public static class InstalmentPlan
{
    public const int MinMonths = 2;

    /// <summary>Whether <paramref name="months"/> is a number of instalments the supplier offers.</summary>
    public static bool IsOffered(int months, int maxMonths) => months >= MinMonths && months <= maxMonths;

    /// <summary>Whether the debt can be split into <paramref name="months"/> parts of at least a kopiyka each.</summary>
    public static bool CanSplit(Money debt, int months) => months > 0 && debt.Kopiyky >= months;

    public static IReadOnlyList<PlannedInstalment> Split(Money debt, int months, LocalDate askedOn)
    {
        if (!CanSplit(debt, months))
        {
            throw new ArgumentOutOfRangeException(nameof(debt), debt, $"A debt of {debt} cannot be split into {months} parts of at least a kopiyka.");
        }

        var kopiyky = debt.Kopiyky;
        var part = kopiyky / months;
        // Each date from the day asked, not from the previous instalment: 31 Jan → 28 Feb → 31 Mar, never 28 Mar.
        return [.. Enumerable.Range(1, months).Select(n => new PlannedInstalment(
            n, askedOn.PlusMonths(n), Money.FromKopiyky(n == months ? kopiyky - (part * (months - 1)) : part)))];
    }
}
