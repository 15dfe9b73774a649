using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.UntrustedDocuments;

namespace Vidnova.InboundMail;

/// <summary>
/// One customer email: its text and files, what the system made of it, and the operator's actions — file a file as
/// an application's receipt, or note why nothing needs doing. The original is downloadable as sent (evidence).
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed partial class MessageModel(VidnovaDbContext db, IAuthorizationService authorization, UntrustedDocumentReader reader) : PageModel
{
    public InboundEmail Email { get; private set; } = null!;

    public bool HeadersOnly { get; private set; }

    public string? To { get; private set; }

    public string Text { get; private set; } = "";

    public AttachmentScan Files { get; private set; } = new([], []);

    public bool CanResolve { get; private set; }

    [BindProperty]
    public string? ApplicationNumber { get; set; }

    [BindProperty]
    public int Attachment { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The email exactly as received, for a mail program or as evidence.</summary>
    public async Task<IActionResult> OnGetOriginalAsync(Guid id, CancellationToken ct)
    {
        var content = await db.Set<InboundEmailContent>().AsNoTracking().SingleOrDefaultAsync(c => c.InboundEmailId == id, ct);
        return content is null ? NotFound() : File(content.Raw, "message/rfc822", $"email-{id:N}.eml");
    }

    /// <summary>One file of the email, always as a download: it is the customer's and is not shown inline here.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, int index, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || index < 0 || index >= Files.Receipts.Count)
        {
            return NotFound();
        }

        var file = Files.Receipts[index];
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Content!, "application/octet-stream", file.FileName);
    }

    public async Task<IActionResult> OnPostFileReceiptAsync(Guid id, uint version, [FromServices] ResolveInboundEmail resolve, CancellationToken ct) =>
        await ActAsync(id, () => resolve.FileReceiptAsync(id, version, Attachment, ApplicationNumber, StaffIdentity.ActorOf(User), ct),
            "Квитанцію додано до заяви й перевірено; клієнт отримає лист.", ct);

    public async Task<IActionResult> OnPostDismissAsync(Guid id, uint version, [FromServices] ResolveInboundEmail resolve, CancellationToken ct) =>
        await ActAsync(id, () => resolve.DismissAsync(id, version, Note, StaffIdentity.ActorOf(User), ct), "Лист позначено опрацьованим.", ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string success, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, AuthorizationPolicies.Operator)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await action();
        }
        catch (DbUpdateException race) when (race.IsLostRace())
        {
            Conflict = true;
            return await RedisplayAsync(id, ct);
        }
        catch (InputValidationException invalid)
        {
            Error = string.Join(" ", invalid.Errors.Select(e => ProblemTexts.Localize(HttpContext, e.MessageFormat, e.Arguments)));
            return await RedisplayAsync(id, ct);
        }
        catch (BusinessRuleException rule)
        {
            Error = ProblemTexts.Localize(HttpContext, rule.MessageFormat, [.. rule.Arguments]);
            return await RedisplayAsync(id, ct);
        }

        StatusMessage = success;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var email = await db.Set<InboundEmail>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        var content = await db.Set<InboundEmailContent>().AsNoTracking().SingleOrDefaultAsync(c => c.InboundEmailId == id, ct);
        if (email is null || content is null)
        {
            return false;
        }

        Email = email;
        HeadersOnly = content.HeadersOnly;
        // Read by the reader process, never in the host: an email that breaks the reader shows only its record here.
        if (email.Outcome != InboundEmailOutcome.CouldNotRead
            && (await reader.ReadAsync<EmailReading>(DocumentKind.Email, content.Raw, ct))?.Message is { } digest)
        {
            To = digest.ToMessage().To.ToString();
            Text = digest.TextBody ?? HtmlToText(digest.HtmlBody ?? "");
            Files = HeadersOnly ? new([], []) : digest.Files;
        }

        ApplicationNumber ??= email.ApplicationNumber;
        CanResolve = email.NeedsAttention && (await authorization.AuthorizeAsync(User, AuthorizationPolicies.Operator)).Succeeded;
        return true;
    }

    // Shown as text, never as HTML: the customer's markup does not run in the back office.
    private static string HtmlToText(string html) =>
        System.Net.WebUtility.HtmlDecode(Blank().Replace(Tags().Replace(LineBreaks().Replace(html, "\n"), ""), "\n\n")).Trim();

    [GeneratedRegex(@"<(br|/p|/div|/tr|/li)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\n\s*\n\s*(\n\s*)+")]
    private static partial Regex Blank();
}
