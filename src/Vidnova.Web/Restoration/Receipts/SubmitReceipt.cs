using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.DsoEvents;
using Vidnova.Restoration.Notifications;
using Vidnova.Restoration.Receipts.Ocr;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Restoration.Receipts;

/// <summary>A receipt file whose bytes were read and whose type was recognised from them.</summary>
/// <param name="SourceEmailId">The customer's email it came attached to; null for an upload.</param>
public sealed record ReceiptUpload(string FileName, string ContentType, byte[] Content, Guid? SourceEmailId);

/// <summary>
/// Stores the customer's proof of payment verbatim and checks it automatically. With <c>Receipts:AutoApprove=receipt</c>
/// a bank app's PDF that matches the invoice is approved in the same transaction; by default (<c>statement</c>) the check
/// is only a hint beside the invoice and the application waits for the DSO's bank statement or an operator, because a
/// PDF that matches can be drawn by anyone. What the check found goes into the timeline.
/// </summary>
internal sealed class SubmitReceipt(VidnovaDbContext db, NodaTime.IClock clock, RestorationEmails emails, INotificationOutbox notifications, OutboxSignal outbox, PlaceRestorationWorkOrder workOrders,
    IOptions<ReceiptApprovalOptions> approval, IOptions<OcrOptions> ocr, UntrustedDocumentReader reader, IReceiptEmails receiptEmails)
{
    public async Task<RestorationApplication> HandleAsync(Guid id, string? accessToken, string fileName, Stream content, CancellationToken cancellationToken) =>
        await HandleAsync(await ApplicationAccess.LoadForCustomerAsync(db, id, accessToken, cancellationToken), fileName, content, Actors.Customer,
            cancellationToken);

    /// <summary>An upload to an application the caller already proved access to (a login linked to its account, a signed link).</summary>
    public async Task<RestorationApplication> HandleAsync(RestorationApplication application, string fileName, Stream content, Actor actor,
        CancellationToken cancellationToken)
    {
        var bytes = await ReadBoundedAsync(content, cancellationToken);
        var contentType = ReceiptFormat.DetectContentType(bytes)
            ?? throw new BusinessRuleException("unsupported_receipt_type",
                "Файл не схожий на квитанцію. Надішліть " + ReceiptFormat.Described + ".")
            { Category = RefusalCategory.UnsupportedMediaType };

        var sentToDso = await AddAsync(application, new ReceiptUpload(fileName, contentType, bytes, null), actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        WakeDispatchers(sentToDso);
        return application;
    }

    /// <summary>
    /// Adds the receipt, its automatic check, the customer's email and (when approved) the DSO request to the
    /// caller's unit of work, which saves them in one transaction.
    /// </summary>
    /// <returns>Whether the receipt was approved automatically and the request queued for the DSO.</returns>
    public Task<bool> AddAsync(RestorationApplication application, ReceiptUpload upload, CancellationToken cancellationToken) =>
        AddAsync(application, upload, Actors.Customer, cancellationToken);

    private async Task<bool> AddAsync(RestorationApplication application, ReceiptUpload upload, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var receipt = Receipt.Received(Guid.NewGuid(), SafeFileName(upload.FileName, upload.ContentType), upload.ContentType, upload.Content.Length,
            Convert.ToHexStringLower(SHA256.HashData(upload.Content)), now, upload.SourceEmailId);
        application.SubmitReceipt(receipt, actor, now, await ReceiptsFromWeakMatchesAsync(application, upload, cancellationToken));
        db.Add(new ReceiptFile(receipt.Id, upload.Content));

        var pdf = upload.ContentType == "application/pdf"
            ? await reader.ReadAsync<PdfTextReading>(DocumentKind.PdfText, upload.Content, cancellationToken)
            : null;
        var assessment = ReceiptAutoCheck.Assess(upload.ContentType, pdf, application.Invoice!, application.Number,
            approval.Value.AutoApprove == ReceiptApprovalMode.Receipt);
        application.RecordReceiptCheck(assessment.TimelineKind, assessment.TimelineData(), now);
        if (ocr.Value.Enabled && assessment.Outcome is ReceiptAutoCheckOutcome.Image or ReceiptAutoCheckOutcome.NoTextLayer
            && TesseractOcr.CanRead(upload.ContentType))
        {
            db.Add(ReceiptRecognition.Queue(receipt.Id, application.Id, now));
        }

        if (!assessment.ApproveAutomatically)
        {
            notifications.Enqueue(emails.ReceiptReceived(application, receipt, now));
            return false;
        }

        // The approval email says the receipt was checked and the request went to the DSO; a "received, we are
        // checking it" email in the same instant would only arrive out of order.
        application.ApproveReceiptAutomatically(now);
        notifications.Enqueue(emails.ReceiptApproved(application, now));
        await workOrders.PlaceAsync(application, now, cancellationToken);
        return true;
    }

    /// <summary>
    /// For the customer's own upload onto a receipt under review: which pending receipts came in an email matched only
    /// by the number it quoted (see <see cref="IReceiptEmails"/>).
    /// </summary>
    private async Task<IReadOnlySet<Guid>> ReceiptsFromWeakMatchesAsync(RestorationApplication application, ReceiptUpload upload, CancellationToken cancellationToken)
    {
        var fromEmails = application.Receipts.Where(r => r.Decision == ReceiptDecision.Pending && r.SourceEmailId is not null).ToList();
        if (upload.SourceEmailId is not null || fromEmails.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var emailIds = fromEmails.Select(r => r.SourceEmailId!.Value).ToList();
        var weak = await receiptEmails.MatchedOnlyByQuotedNumberAsync(emailIds, cancellationToken);
        return fromEmails.Where(r => weak.Contains(r.SourceEmailId!.Value)).Select(r => r.Id).ToHashSet();
    }

    /// <summary>After the commit: let the dispatchers send what was queued without waiting for their next poll.</summary>
    public void WakeDispatchers(bool sentToDso)
    {
        outbox.Notify();
        if (sentToDso)
        {
            workOrders.Notify();
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ReceiptFormat.MaxBytes)
            {
                throw new BusinessRuleException("receipt_too_large",
                    "Файл більший за 10 МБ. Надішліть PDF з банківського застосунку або зменшене фото квитанції.")
                { Category = RefusalCategory.TooLarge };
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new BusinessRuleException("receipt_empty", "Файл порожній. Виберіть файл квитанції ще раз.")
            { Category = RefusalCategory.InvalidInput };
        }

        return buffer.ToArray();
    }

    private static string SafeFileName(string fileName, string contentType)
    {
        // Control characters (NUL is refused by PostgreSQL) and halves of surrogate pairs say nothing about the file.
        var kept = new StringBuilder();
        foreach (var rune in Path.GetFileName(fileName ?? "").EnumerateRunes())
        {
            if (rune != Rune.ReplacementChar && !Rune.IsControl(rune) && kept.Length + rune.Utf16SequenceLength <= 200)
            {
                kept.Append(rune.ToString());
            }
        }

        var name = kept.ToString().Trim();
        if (name.Length == 0)
        {
            name = "receipt";
        }

        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/jpeg" => ".jpg",
            "image/heic" => ".heic",
            _ => ".png",
        };
        return Path.ChangeExtension(name, extension);
    }
}
