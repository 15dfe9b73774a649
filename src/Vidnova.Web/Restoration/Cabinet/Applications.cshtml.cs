using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Customers;
using Vidnova.Hosting;

namespace Vidnova.Restoration.Cabinet;

/// <summary>The restoration applications of every account linked to the login, newest first.</summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class ApplicationsModel(CabinetApplications applications) : PageModel
{
    public IReadOnlyList<CabinetApplicationItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await applications.ListAsync(CustomerPrincipal.RequiredLoginIdOf(User), cancellationToken);

    public static string StatusText(string apiName) =>
        ApplicationStatusNames.TryParseApiName(apiName, out var status) ? status.ToUkrainian() : apiName;
}
