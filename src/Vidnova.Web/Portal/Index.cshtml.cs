using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Accounts;
using Vidnova.Restoration;

namespace Vidnova.Portal;

/// <summary>The portal's home: what Vidnova does for a household disconnected for debt, and the way in.</summary>
internal sealed class IndexModel : PageModel
{
    /// <summary>КСР п. 11.5.23, as encoded in <see cref="RestorationDeadline"/>.</summary>
    public int CityWorkingDays { get; } = RestorationDeadline.WorkingDaysAllowed(Settlement.City);

    public int RuralWorkingDays { get; } = RestorationDeadline.WorkingDaysAllowed(Settlement.Rural);
}
