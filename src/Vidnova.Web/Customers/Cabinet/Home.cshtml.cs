using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Hosting;

namespace Vidnova.Customers.Cabinet;

/// <summary>The cabinet's home until the accounts page takes this route: which login is signed in.</summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class HomeModel : PageModel;
