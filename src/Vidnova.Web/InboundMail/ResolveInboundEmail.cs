using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration;
using Vidnova.Restoration.Receipts;
using Vidnova.Restoration.Replies;
using Vidnova.UntrustedDocuments;

namespace Vidnova.InboundMail;

/// <summary>
/// An operator deals with an email the system could not act on: files one of its files as the receipt of the
/// application they found, or records why nothing needs doing. Either way the email leaves the queue, attributed.
/// </summary>
internal sealed class ResolveInboundEmail(VidnovaDbContext db, IClock clock, IApplicationReplies applications, UntrustedDocumentReader reader)
{
    public const int MaxNoteLength = 1000;

    public async Task FileReceiptAsync(Guid emailId, uint version, int attachment, string? applicationNumber, string actor,
        CancellationToken cancellationToken)
    {
        var email = await LoadAwaitingAsync(emailId, version, cancellationToken);
        var numbers = ReplyKeys.Numbers(applicationNumber ?? "");
        var number = numbers.Count > 0
            ? numbers[0]
            : throw new InputValidationException([new FieldError("applicationNumber", "Вкажіть номер заяви у вигляді VN-2026-000123.")]);
        var application = (await applications.FindByNumbersAsync([number], cancellationToken)).SingleOrDefault()
            ?? throw new InputValidationException([new FieldError("applicationNumber", "Заяви {0} немає. Перевірте номер.", number)]);
        if (!application.AcceptsReceipt)
        {
            throw new BusinessRuleException("receipt_not_accepted",
                "Заява {0} у статусі «{1}» і квитанцію зараз не приймає.", application.Number, application.Status.ToUkrainian());
        }

        var content = await db.Set<InboundEmailContent>().AsNoTracking().SingleAsync(c => c.InboundEmailId == emailId, cancellationToken);
        var files = content.HeadersOnly
            ? []
            : (await reader.ReadAsync<EmailReading>(DocumentKind.Email, content.Raw, cancellationToken))?.Message?.Receipts ?? [];
        var chosen = attachment >= 0 && attachment < files.Count
            ? files[attachment]
            : throw new InputValidationException([new FieldError("attachment", "Виберіть файл квитанції з листа.")]);

        var filed = await applications.FileReceiptAsync(application.Id, new ReceiptUpload(chosen.FileName, chosen.ContentType!, chosen.Content!, email.Id),
            cancellationToken);
        email.Matched(application.Id, application.Number, "operator");
        email.Conclude(InboundEmailOutcome.ReceiptFiled, $"Оператор додав квитанцію «{chosen.FileName}» до заяви {application.Number}.",
            filed.ReceiptId);
        email.Resolve(actor, $"Квитанцію додано до заяви {application.Number}.", clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        applications.WakeDispatchers(filed.SentToDso);
    }

    public async Task DismissAsync(Guid emailId, uint version, string? note, string actor, CancellationToken cancellationToken)
    {
        var trimmed = note?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNoteLength)
        {
            throw new InputValidationException([new FieldError("note",
                "Напишіть, що зроблено з листом (до 1000 символів), напр. «Відповіли клієнту телефоном» або «Спам».")]);
        }

        var email = await LoadAwaitingAsync(emailId, version, cancellationToken);
        email.Resolve(actor, trimmed, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<InboundEmail> LoadAwaitingAsync(Guid emailId, uint version, CancellationToken cancellationToken)
    {
        var email = await db.Set<InboundEmail>().SingleOrDefaultAsync(e => e.Id == emailId, cancellationToken)
            ?? throw new NotFoundException("inbound_email_not_found", "Листа не знайдено.");
        if (email.Version != version || !email.NeedsAttention)
        {
            throw new DbUpdateConcurrencyException("The email was handled or changed by someone else.");
        }

        return email;
    }
}
