using Vidnova.Accounts;
using Vidnova.Kernel;

namespace Vidnova.Dunning;

/// <summary>
/// Configuration section <c>Dunning</c>: the rules of warnings and disconnection for debt as data (docs/dunning.md).
/// The warning periods follow PRRE 7.5 (the first warning at least 10 working days before the date) and the
/// supplier's practice (a second one 5 working days before).
/// </summary>
internal sealed class DunningOptions
{
    public const string Section = "Dunning";

    /// <summary>False stops the daily job (the on-demand run still works, for an operator who wants it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The overdue debt, in UAH, from which a case is opened; below it an open case is closed as paid.</summary>
    public decimal MinimumDebt { get; set; } = 200m;

    /// <summary>Days after a charge's due date before it counts as overdue debt (0: the day after the due date).</summary>
    public int DaysAfterDue { get; set; } = 10;

    /// <summary>Working days from the first warning to the planned disconnection date (PRRE 7.5: no fewer than 10).</summary>
    public int FirstWarningWorkingDays { get; set; } = 10;

    /// <summary>Working days from the second warning to the planned date (the supplier's practice).</summary>
    public int SecondWarningWorkingDays { get; set; } = 5;

    /// <summary>
    /// Banking days a payment may take to reach the supplier: the warnings ask the customer to pay that many banking
    /// days before the date, so that the payment arrives and stops the case in time.
    /// </summary>
    public int PaymentArrivalBankingDays { get; set; } = 3;

    /// <summary>The hour (Kyiv, 0–23) from which the daily job opens cases and sends warnings, so nobody gets one at night.</summary>
    public int RunAtHour { get; set; } = 9;

    /// <summary>The hour (Kyiv) of the planned disconnection on its date, as the warnings state it.</summary>
    public int DisconnectionHour { get; set; } = 10;

    /// <summary>Working days the DSO has to carry out a disconnection order, from the day after it acknowledged.</summary>
    public int DisconnectionWorkingDays { get; set; } = 1;

    /// <summary>Which customers are dunned: <c>household</c>, <c>non_household</c>.</summary>
    public List<string> CustomerKinds { get; set; } = ["household", "non_household"];

    /// <summary>How often (minutes) each instance checks open cases for a payment that stops them and for due orders.</summary>
    public int PollMinutes { get; set; } = 10;

    /// <summary>Periods in which nobody matching is disconnected (a moratorium): by dates, customer kind, DSO territory, address.</summary>
    public List<DunningMoratorium> Moratoria { get; set; } = [];

    public Money MinimumDebtAmount => Money.Uah(MinimumDebt);

    public bool Covers(CustomerKind kind) => CustomerKinds.Contains(kind == CustomerKind.Household ? "household" : "non_household");
}

/// <summary>
/// One moratorium on disconnections (e.g. a government decision for a territory, or the heating season for
/// households): it applies on the days from <see cref="From"/> to <see cref="To"/> inclusive (either open) to the
/// customers matching every filter given; a filter left empty matches everyone.
/// </summary>
internal sealed class DunningMoratorium
{
    /// <summary>What customers and staff see as the reason, e.g. «Мораторій на відключення в опалювальний сезон».</summary>
    public string Name { get; set; } = "";

    /// <summary>The first day (Kyiv, yyyy-MM-dd) of the moratorium; empty: since always.</summary>
    public string? From { get; set; }

    /// <summary>The last day (yyyy-MM-dd) of the moratorium; empty: until repealed.</summary>
    public string? To { get; set; }

    /// <summary><c>household</c>, <c>non_household</c>: the protected customer categories.</summary>
    public List<string> CustomerKinds { get; set; } = [];

    /// <summary>The DSO codes whose territory is covered (e.g. a region at war).</summary>
    public List<string> DsoCodes { get; set; } = [];

    /// <summary>Address fragments (a region, a town) of the covered territory, matched ignoring case.</summary>
    public List<string> AddressContains { get; set; } = [];
}
