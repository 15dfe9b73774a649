using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries.BackOffice;

/// <summary>
/// The partners' registries, newest first, each with what it did; a registry a partner sent by email is uploaded
/// here and goes through the same import as the partner's API call.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Operator)]
[RequestFormLimits(MultipartBodyLengthLimit = RegistriesApi.MaxRequestBytes)]
[RequestSizeLimit(RegistriesApi.MaxRequestBytes)]
internal sealed class RegistriesModel(VidnovaDbContext db, IOptions<RegistryLimits> limits) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "partner")]
    public string? Partner { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PartnerOption> Partners { get; private set; } = [];

    public IReadOnlyList<RegistrySummary> Registries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public RegistryImportResult? Imported { get; private set; }

    public IReadOnlyList<string> UploadErrors { get; private set; } = [];

    public long MaxFileBytes => limits.Value.MaxBytes;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(string? uploadPartner, IFormFile? file, [FromServices] ImportRegistry import, CancellationToken ct)
    {
        var errors = new List<string>();
        if (!PaymentPartner.IsCode(uploadPartner) || !await db.Set<PaymentPartner>().AnyAsync(p => p.Code == uploadPartner, ct))
        {
            errors.Add(ProblemTexts.Localize(HttpContext, "Оберіть партнера, чий реєстр завантажуєте."));
        }

        if (file is null || file.Length == 0)
        {
            errors.Add(ProblemTexts.Localize(HttpContext, "Виберіть файл реєстру."));
        }

        if (errors.Count == 0)
        {
            try
            {
                var content = await RegistryUpload.ContentAsync(file!, limits.Value, ct);
                Imported = await import.HandleAsync(new ImportRegistryCommand(uploadPartner!, file!.FileName, content, StaffIdentity.ActorOf(User)), ct);
                Partner = uploadPartner;
            }
            catch (InputValidationException invalid)
            {
                errors.AddRange(invalid.Errors.Select(e => ProblemTexts.Localize(HttpContext, e.MessageFormat, e.Arguments)));
            }
            catch (BusinessRuleException refused)
            {
                errors.Add(ProblemTexts.Localize(HttpContext, refused.MessageFormat, [.. refused.Arguments]));
            }
        }

        UploadErrors = errors;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Partners = await db.Set<PaymentPartner>().AsNoTracking().OrderBy(p => p.Name).Select(p => new PartnerOption(p.Code, p.Name)).ToListAsync(ct);
        var query = db.Set<PaymentRegistry>().AsNoTracking();
        if (Partners.Any(p => p.Code == Partner))
        {
            query = query.Where(r => r.PartnerCode == Partner);
        }
        else
        {
            Partner = null;
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.RegistryNumber).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = page.Select(r => r.Id).ToList();
        var counts = await db.Set<PaymentRegistryRow>().AsNoTracking().Where(r => ids.Contains(r.RegistryId))
            .GroupBy(r => new { r.RegistryId, r.Status }).Select(g => new { g.Key.RegistryId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        Registries = [.. page.Select(r => RegistrySummary.Of(r, counts.Where(c => c.RegistryId == r.Id).ToDictionary(c => c.Status, c => c.Count)))];
    }
}

internal sealed record PartnerOption(string Code, string Name);

/// <summary>A registry with its rows counted by what became of them.</summary>
internal sealed record RegistrySummary(PaymentRegistry Registry, int Posted, int Unmatched, int Assigned, int Returned)
{
    public static RegistrySummary Of(PaymentRegistry registry, IReadOnlyDictionary<RegistryRowStatus, int> counts) =>
        new(registry, counts.GetValueOrDefault(RegistryRowStatus.Posted), counts.GetValueOrDefault(RegistryRowStatus.Unmatched),
            counts.GetValueOrDefault(RegistryRowStatus.Assigned), counts.GetValueOrDefault(RegistryRowStatus.Returned));
}
