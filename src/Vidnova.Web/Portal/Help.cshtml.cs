using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Accounts;
using Vidnova.Contacts;
using Vidnova.Restoration;

namespace Vidnova.Portal;

/// <summary>The way out every «зверніться» promises: the journey with its deadlines, the ways to pay, and whom to call.</summary>
internal sealed class HelpModel(IContacts contacts) : PageModel
{
    /// <summary>КСР п. 11.5.23, as encoded in <see cref="RestorationDeadline"/>.</summary>
    public int CityWorkingDays { get; } = RestorationDeadline.WorkingDaysAllowed(Settlement.City);

    public int RuralWorkingDays { get; } = RestorationDeadline.WorkingDaysAllowed(Settlement.Rural);

    public IContacts Contacts { get; } = contacts;
}
