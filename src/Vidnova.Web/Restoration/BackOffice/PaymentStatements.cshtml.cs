using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Payments.Statements;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.PaymentStatements;
using Vidnova.Shared;

namespace Vidnova.Restoration.BackOffice;

/// <summary>
/// The DSOs' bank statement lines as staff see them: first those that confirmed nothing (short, unknown or foreign
/// number, an application in another state), and the matched ones linking to their application. A statement the DSO
/// sent as a file is uploaded here and goes through the same import as the API.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
internal sealed partial class PaymentStatementsModel(VidnovaDbContext db, IDsoDirectory dsos, IOptions<StatementCsvOptions> csv) : PageModel
{
    public const int PageSize = 50;

    /// <summary>A hard ceiling on the upload request; the configured file size (<c>Dso:Statements:Csv:MaxBytes</c>) is checked below it.</summary>
    private const long MaxRequestBytes = 32 * 1024 * 1024;

    public static readonly string[] Views = ["unmatched", "matched", "all"];

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "dso")]
    public string? Dso { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by, which would win and not parse.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<DsoOption> Operators { get; private set; } = [];

    public IReadOnlyList<PaymentStatementLine> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int UnmatchedTotal { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>What the upload did, shown above the list.</summary>
    public StatementImportResult? Imported { get; private set; }

    /// <summary>Why the upload changed nothing: each problem of the file, localised.</summary>
    public IReadOnlyList<string> UploadErrors { get; private set; } = [];

    public long MaxFileBytes => csv.Value.MaxBytes;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(string? uploadDso, StatementEncoding encoding, string? statementId, IFormFile? file,
        [FromServices] ImportPaymentStatement import, CancellationToken ct)
    {
        var errors = new List<string>();
        if (!DsoCode.TryParse(uploadDso, out var dso) || !await dsos.IsRegisteredAsync(dso.Value, ct))
        {
            errors.Add(ProblemTexts.Localize(HttpContext, "Оберіть ОСР, чию виписку завантажуєте."));
        }

        if (file is null || file.Length == 0)
        {
            errors.Add(ProblemTexts.Localize(HttpContext, "Виберіть файл виписки у форматі CSV."));
        }
        else if (file.Length > csv.Value.MaxBytes)
        {
            errors.Add(ProblemTexts.Localize(HttpContext, "Файл виписки більший за {0} КБ. Розділіть виписку на кілька файлів.", csv.Value.MaxBytes / 1024));
        }

        if (errors.Count == 0)
        {
            StatementFile? statement = null;
            try
            {
                var content = await ReadAsync(file!, ct);
                statement = StatementCsv.Read(content, encoding, csv.Value);
                Imported = await import.HandleAsync(new ImportPaymentStatementCommand(dso!.Value,
                    string.IsNullOrWhiteSpace(statementId) ? Path.GetFileName(file!.FileName) : statementId, statement.Lines,
                    StaffIdentity.ActorOf(User), PaymentStatementLine.CsvSource), ct);
                Dso = dso.Value.Value;
            }
            catch (InputValidationException invalid)
            {
                errors.AddRange(invalid.Errors.Select(e => Where(e.Field, statement) + ProblemTexts.Localize(HttpContext, e.MessageFormat, e.Arguments)));
            }
        }

        UploadErrors = errors;
        Show = "all";
        await LoadAsync(ct);
        return Page();
    }

    public string? NameOf(DsoCode code) => Operators.FirstOrDefault(o => o.Code == code)?.Name;

    private async Task LoadAsync(CancellationToken ct)
    {
        Show = Views.Contains(Show) ? Show : "unmatched";
        var operators = await dsos.ListAsync(ct);
        Operators = [.. operators.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];

        var query = db.Set<PaymentStatementLine>().AsNoTracking();
        if (DsoCode.TryParse(Dso, out var code))
        {
            var dsoCode = code.Value;
            query = query.Where(l => l.DsoCode == dsoCode);
            Dso = dsoCode.Value;
        }
        else
        {
            Dso = null;
        }

        UnmatchedTotal = await query.CountAsync(l => l.Outcome != StatementLineOutcome.Confirmed, ct);
        query = Show switch
        {
            "matched" => query.Where(l => l.Outcome == StatementLineOutcome.Confirmed),
            "unmatched" => query.Where(l => l.Outcome != StatementLineOutcome.Confirmed),
            _ => query,
        };
        Query = Query?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            var pattern = $"%{BackOfficeDisplay.EscapeLike(Query)}%";
            query = query.Where(l => EF.Functions.Like(l.LineId, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(l.StatementId, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(l.PayerName, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(l.Purpose, pattern, BackOfficeDisplay.LikeEscape)
                || (l.ApplicationNumber != null && EF.Functions.Like(l.ApplicationNumber, pattern, BackOfficeDisplay.LikeEscape)));
        }

        // Counted, ordered and paged in SQL: instants are stored as UTC date-times, which both providers order. The
        // line id only breaks ties within one statement's import.
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(l => l.ReceivedAt).ThenBy(l => l.LineId)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    private async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.Length > csv.Value.MaxBytes
            ? throw new InputValidationException([new FieldError("file", "Файл виписки більший за {0} КБ. Розділіть виписку на кілька файлів.", csv.Value.MaxBytes / 1024)])
            : buffer.ToArray();
    }

    /// <summary>"lines[3].amount" → "Рядок 5 файлу: " (the line of the file it was read from), so staff find the line in the spreadsheet.</summary>
    private string Where(string field, StatementFile? statement) => LinePattern().Match(field) is { Success: true } line
        && statement is not null
        && int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var index && index < statement.FileLines.Count
        ? ProblemTexts.Localize(HttpContext, "Рядок {0} файлу: ", statement.FileLines[index])
        : "";

    [GeneratedRegex(@"^lines\[(\d+)\]")]
    private static partial Regex LinePattern();
}
