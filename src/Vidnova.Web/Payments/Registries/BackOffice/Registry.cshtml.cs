using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Hosting;
using Vidnova.Persistence;

namespace Vidnova.Payments.Registries.BackOffice;

/// <summary>One registry: its rows, what became of each, and its totals.</summary>
[Authorize(Policy = AuthorizationPolicies.Operator)]
internal sealed class RegistryModel(VidnovaDbContext db) : PageModel
{
    public PaymentRegistry Registry { get; private set; } = null!;

    public string PartnerName { get; private set; } = "";

    public IReadOnlyList<PaymentRegistryRow> Rows { get; private set; } = [];

    public int Count(params RegistryRowStatus[] statuses) => Rows.Count(r => statuses.Contains(r.Status));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var registry = await db.Set<PaymentRegistry>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (registry is null)
        {
            return NotFound();
        }

        Registry = registry;
        PartnerName = await db.Set<PaymentPartner>().Where(p => p.Code == registry.PartnerCode).Select(p => p.Name).SingleAsync(ct);
        Rows = await db.Set<PaymentRegistryRow>().AsNoTracking().Where(r => r.RegistryId == id).OrderBy(r => r.Row).ToListAsync(ct);
        return Page();
    }
}
