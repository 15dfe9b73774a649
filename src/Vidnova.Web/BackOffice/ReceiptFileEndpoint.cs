using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Restoration;

namespace Vidnova.BackOffice;

/// <summary>
/// Serves a receipt's bytes to staff for the viewer on the application page. The file is the customer's, so it is
/// treated as hostile: only the three formats we accept are served inline, never sniffed, and sandboxed.
/// </summary>
public static class ReceiptFileEndpoint
{
    public static IEndpointRouteBuilder MapReceiptFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/backoffice/receipts/{receiptId:guid}", GetAsync)
            .RequireAuthorization(AuthorizationPolicies.Staff)
            .WithName("GetReceiptFile")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAsync(Guid receiptId, HttpContext context, VidnovaDbContext db, CancellationToken cancellationToken)
    {
        var receipt = await db.Set<RestorationApplication>().AsNoTracking()
            .Where(a => a.Receipts.Any(r => r.Id == receiptId))
            .SelectMany(a => a.Receipts)
            .Where(r => r.Id == receiptId)
            .Select(r => new { r.FileName, r.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        var file = receipt is null
            ? null
            : await db.Set<ReceiptFile>().AsNoTracking().SingleOrDefaultAsync(f => f.ReceiptId == receiptId, cancellationToken);
        if (receipt is null || file is null)
        {
            return Results.NotFound();
        }

        // The stored type was detected from the bytes on upload; check again so nothing else is ever served inline.
        var detected = ReceiptFormat.DetectContentType(file.Content);
        var inline = detected is not null && detected == receipt.ContentType;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(receipt.FileName);

        var headers = context.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        headers.CacheControl = "private, no-store";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(file.Content, inline ? detected! : "application/octet-stream");
    }
}
