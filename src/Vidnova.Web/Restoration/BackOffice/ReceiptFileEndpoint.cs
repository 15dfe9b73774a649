using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration.BackOffice;

/// <summary>
/// Serves a receipt's bytes to staff for the viewer on the application page. The file is the customer's, so it is
/// treated as hostile: only the formats we accept are served inline, never sniffed, and sandboxed. Browsers other
/// than Safari cannot show HEIC, so an iPhone photo is also offered as a JPEG made from it.
/// </summary>
internal static class ReceiptFileEndpoint
{
    public static IEndpointRouteBuilder MapReceiptFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/backoffice/receipts/{receiptId:guid}", GetAsync)
            .RequireAuthorization(AuthorizationPolicies.Staff)
            .WithName("GetReceiptFile")
            .ExcludeFromDescription();
        app.MapGet("/backoffice/receipts/{receiptId:guid}/jpeg", GetAsJpegAsync)
            .RequireAuthorization(AuthorizationPolicies.Staff)
            .WithName("GetReceiptAsJpeg")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAsync(Guid receiptId, HttpContext context, VidnovaDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(receiptId, db, cancellationToken) is not var (fileName, contentType, content))
        {
            return Results.NotFound();
        }

        // The stored type was detected from the bytes on upload; check again so nothing else is ever served inline.
        var detected = ReceiptFormat.DetectContentType(content);
        var inline = detected is not null && detected == contentType;
        SetHostileContentHeaders(context, inline, fileName);
        return Results.Bytes(content, inline ? detected! : "application/octet-stream");
    }

    private static async Task<IResult> GetAsJpegAsync(
        Guid receiptId, HttpContext context, VidnovaDbContext db, HeicConverter converter, ILogger<HeicConverter> logger, CancellationToken cancellationToken)
    {
        if (await FindAsync(receiptId, db, cancellationToken) is not var (fileName, contentType, content)
            || contentType != "image/heic" || ReceiptFormat.DetectContentType(content) != "image/heic")
        {
            return Results.NotFound();
        }

        byte[] jpeg;
        try
        {
            jpeg = await converter.ToJpegAsync(content, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Could not convert HEIC receipt {ReceiptId} to JPEG", receiptId);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: ProblemTexts.Localize(context, "Не вдалося перетворити фото HEIC на JPEG; завантажте оригінал."));
        }

        SetHostileContentHeaders(context, inline: true, Path.ChangeExtension(fileName, ".jpg"));
        return Results.Bytes(jpeg, "image/jpeg");
    }

    private static async Task<(string FileName, string ContentType, byte[] Content)?> FindAsync(
        Guid receiptId, VidnovaDbContext db, CancellationToken cancellationToken)
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
        return receipt is null || file is null ? null : (receipt.FileName, receipt.ContentType, file.Content);
    }

    private static void SetHostileContentHeaders(HttpContext context, bool inline, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        var headers = context.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        // Framed only by our own application page (the receipt viewer).
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
        headers.CacheControl = "private, no-store";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
