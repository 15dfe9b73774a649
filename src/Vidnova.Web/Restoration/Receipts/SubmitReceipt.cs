using System.Security.Cryptography;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Restoration.Receipts;

/// <summary>
/// Stores the customer's proof of payment verbatim and checks it automatically: a bank app's PDF that matches the
/// invoice is approved in the same transaction (unless <c>Receipts:AutoApprove</c> is false); anything else waits for
/// an operator, with what the check found in the timeline.
/// </summary>
public sealed class SubmitReceipt(VidnovaDbContext db, IClock clock, CustomerEmails emails, OutboxSignal outbox, DsoOutbox dsoOutbox,
    IConfiguration configuration)
{
    public async Task<RestorationApplication> HandleAsync(Guid id, string? accessToken, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var application = await ApplicationAccess.LoadForCustomerAsync(db, id, accessToken, cancellationToken);
        var bytes = await ReadBoundedAsync(content, cancellationToken);
        var contentType = ReceiptFormat.DetectContentType(bytes)
            ?? throw new BusinessRuleException("unsupported_receipt_type",
                "Файл не схожий на PDF, JPEG чи PNG. Надішліть квитанцію з банківського застосунку як PDF або фото/скриншот у JPEG чи PNG.")
            { StatusCode = StatusCodes.Status415UnsupportedMediaType };

        var now = clock.GetCurrentInstant();
        var receipt = Receipt.Received(Guid.NewGuid(), SafeFileName(fileName, contentType), contentType, bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), now);
        application.SubmitReceipt(receipt, Actors.Customer, now);
        db.Add(new ReceiptFile(receipt.Id, bytes));

        var assessment = ReceiptAutoCheck.Assess(contentType, bytes, application.Invoice!, application.Number,
            configuration.GetValue("Receipts:AutoApprove", true));
        application.RecordReceiptCheck(assessment.TimelineKind, assessment.Describe(), now);
        if (assessment.ApproveAutomatically)
        {
            // The approval email says the receipt was checked and the request went to the DSO; a "received, we are
            // checking it" email in the same instant would only arrive out of order.
            application.ApproveReceiptAutomatically(now);
            db.Add(emails.ReceiptApproved(application, now));
            await dsoOutbox.EnqueueRestorationRequestAsync(application, now, cancellationToken);
        }
        else
        {
            db.Add(emails.ReceiptReceived(application, receipt, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        if (assessment.ApproveAutomatically)
        {
            dsoOutbox.Notify();
        }

        return application;
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
                { StatusCode = StatusCodes.Status413PayloadTooLarge };
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new BusinessRuleException("receipt_empty", "Файл порожній. Виберіть файл квитанції ще раз.")
            { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }

        return buffer.ToArray();
    }

    private static string SafeFileName(string fileName, string contentType)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length == 0)
        {
            name = "receipt";
        }

        name = name.Length > 200 ? name[..200] : name;
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/jpeg" => ".jpg",
            _ => ".png",
        };
        return Path.ChangeExtension(name, extension);
    }
}
