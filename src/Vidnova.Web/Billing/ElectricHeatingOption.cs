using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Billing;

/// <summary>
/// From a date on, an account's home is (or is no longer) approved as heated by electricity, which gives it the
/// heating tier of the household tariff in the season. A change is recorded for the date it takes effect; setting the
/// same date again replaces it.
/// </summary>
public sealed class ElectricHeatingOption
{
    private ElectricHeatingOption()
    {
    }

    public Guid Id { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public LocalDate From { get; private set; }

    public bool ElectricHeating { get; private set; }

    public Instant SetAt { get; private set; }

    public string SetBy { get; private set; } = "";

    public static ElectricHeatingOption Set(AccountNumber account, LocalDate from, bool electricHeating, Instant setAt, string setBy) =>
        new() { Id = Guid.NewGuid(), AccountNumber = account, From = from, ElectricHeating = electricHeating, SetAt = setAt, SetBy = setBy };

    public void Change(bool electricHeating, Instant setAt, string setBy)
    {
        ElectricHeating = electricHeating;
        SetAt = setAt;
        SetBy = setBy;
    }
}
