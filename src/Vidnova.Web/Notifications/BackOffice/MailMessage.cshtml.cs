using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Hosting;
using Vidnova.Persistence;

namespace Vidnova.Notifications.BackOffice;

/// <summary>One outgoing email: headers, delivery state, the HTML body in a sandboxed frame and the plain-text body.</summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed partial class MailMessageModel(VidnovaDbContext db, ICorrelationNames numbers) : PageModel
{
    /// <summary>
    /// Put in front of the HTML body inside the sandboxed frame: nothing is loaded from anywhere (no tracking pixels,
    /// no remote images), only inline styles and embedded data: images render.
    /// </summary>
    public const string FramePolicy =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";

    public OutboxMessage Message { get; private set; } = null!;

    /// <summary>The HTML body with <see cref="FramePolicy"/> inside its head (after the doctype, so no quirks mode).</summary>
    public string FrameDocument
    {
        get
        {
            var html = Message.HtmlBody;
            var head = HeadTag().Match(html);
            return head.Success
                ? html.Insert(head.Index + head.Length, FramePolicy)
                : FramePolicy + html;
        }
    }

    public string? ApplicationNumber { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Response.Headers.ContentSecurityPolicy = Hosting.SecurityHeaders.WithInlineStyles;
        var message = await db.Set<OutboxMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return NotFound();
        }

        Message = message;
        if (message.CorrelationId is { } applicationId)
        {
            ApplicationNumber = await numbers.NameOfAsync(applicationId, ct);
        }

        return Page();
    }

    [GeneratedRegex("<head(\\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadTag();
}
