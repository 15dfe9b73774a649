using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration;
using Vidnova.Restoration.Receipts;

namespace Vidnova.InboundMail;

/// <summary>An email as it arrived: all its bytes, or only its header when it was too large to fetch.</summary>
public sealed record RawInboundEmail(byte[] Content, long SizeBytes, bool HeadersOnly, string Source);

public sealed record InboundEmailResult(InboundEmail Email, bool Duplicate);

/// <summary>
/// Files a customer's email: recorded once however often it is delivered, kept verbatim, matched to its
/// application, and its receipt filed and checked exactly as an upload would be — all in one transaction. What
/// cannot be acted on waits for an operator with the reason; nothing is dropped.
/// </summary>
public sealed class ReceiveInboundEmail(
    VidnovaDbContext db,
    IClock clock,
    SubmitReceipt receipts,
    CustomerEmails emails,
    OutboxSignal outbox,
    IOptions<MailOptions> options,
    ILogger<ReceiveInboundEmail> logger)
{
    public async Task<InboundEmailResult> HandleAsync(RawInboundEmail raw, CancellationToken cancellationToken)
    {
        var message = TryParse(raw.Content);
        var key = DeduplicationKey(message, raw.Content);
        if (await FindAsync(key, cancellationToken) is { } known)
        {
            return new InboundEmailResult(known, Duplicate: true);
        }

        var now = clock.GetCurrentInstant();
        var email = InboundEmail.Received(Guid.NewGuid(), key, message?.MessageId, message?.From.Mailboxes.FirstOrDefault()?.Address ?? "",
            message?.Subject ?? "", raw.Source, raw.SizeBytes, now);
        db.Add(email);
        db.Add(new InboundEmailContent(email.Id, raw.Content, raw.HeadersOnly));

        var sentToDso = false;
        if (message is null)
        {
            email.Conclude(InboundEmailOutcome.Unmatched, "Це не схоже на email: не вдалося прочитати заголовки. Оригінал збережено.");
        }
        else if (await MatchAsync(message, cancellationToken) is not ({ } application, { } matchedBy))
        {
            email.Conclude(InboundEmailOutcome.Unmatched, DescribeNoMatch(message));
        }
        else
        {
            email.Matched(application.Id, application.Number, matchedBy);
            sentToDso = await ActOnAsync(email, message, raw, application, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance (or a second delivery of the same message) may have stored it first.
            db.ChangeTracker.Clear();
            if (await FindAsync(key, cancellationToken) is { } stored)
            {
                return new InboundEmailResult(stored, Duplicate: true);
            }

            throw;
        }

        receipts.WakeDispatchers(sentToDso);
        outbox.Notify();
        logger.LogInformation("Inbound email {InboundEmailId} from {Source}: {Outcome} ({Application})", email.Id, raw.Source, email.Outcome,
            email.ApplicationNumber ?? "no application");
        return new InboundEmailResult(email, Duplicate: false);
    }

    private async Task<bool> ActOnAsync(InboundEmail email, MimeMessage message, RawInboundEmail raw, RestorationApplication application,
        Instant now, CancellationToken cancellationToken)
    {
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(без теми)" : message.Subject.Trim();
        if (raw.HeadersOnly)
        {
            var size = (raw.SizeBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.GetCultureInfo("uk-UA"));
            var problem = $"Ваш лист «{subject}» завеликий ({size} МБ), тому ми не змогли його прочитати.";
            email.Conclude(InboundEmailOutcome.TooLarge, $"Лист завеликий ({size} МБ) — не прочитано; клієнта попросили надіслати менший файл.");
            application.RecordCustomerEmail($"Лист «{subject}» завеликий ({size} МБ) — не прочитано; клієнта попросили надіслати менший файл.", now);
            Answer(email, message, application, problem, now);
            return false;
        }

        var scan = EmailAttachments.Scan(message);
        if (!application.AcceptsReceipt)
        {
            var why = application.Status == ApplicationStatus.ReceiptUnderReview
                ? "квитанція за заявою вже на перевірці"
                : $"заява у статусі «{application.Status.ToUkrainian()}» і квитанцію зараз не приймає";
            var files = scan.Receipts.Count == 0 ? "без файлів квитанції" : $"з файлами: {Names(scan.Receipts)}";
            email.Conclude(InboundEmailOutcome.NotAccepted, $"Лист від клієнта {files}; {why}. Прочитайте й відповідайте клієнту.");
            application.RecordCustomerEmail($"Лист від клієнта «{subject}» {files}; {why} — лист чекає на оператора.", now);
            return false;
        }

        if (scan.Receipts.Count > 0)
        {
            var chosen = scan.Receipts[0];
            var sentToDso = await receipts.AddAsync(application,
                new ReceiptUpload(chosen.FileName, chosen.ContentType!, chosen.Content!, email.Id), cancellationToken);
            var others = scan.Receipts.Count + scan.Refused.Count - 1;
            email.Conclude(InboundEmailOutcome.ReceiptFiled,
                $"Квитанцію «{chosen.FileName}» додано до заяви {application.Number}" + (others > 0 ? $"; інші файли в листі ({others}) не додано." : "."),
                application.Receipts[^1].Id);
            return sentToDso;
        }

        var problemText = scan.Refused.Count == 0
            ? "У листі немає вкладеного файлу квитанції."
            : string.Join(" ", scan.Refused.Select(Explain));
        email.Conclude(InboundEmailOutcome.NoReceipt, $"Квитанції в листі немає: {problemText} Клієнту відповіли, що надіслати.");
        application.RecordCustomerEmail($"Лист від клієнта «{subject}» без квитанції: {problemText}", now);
        Answer(email, message, application, problemText, now);
        return false;
    }

    private void Answer(InboundEmail email, MimeMessage message, RestorationApplication application, string problem, Instant now)
    {
        if (AutoReplyPolicy.MayAnswer(message))
        {
            db.Add(emails.ReceiptNotTaken(application, email.Id, message.MessageId, problem, now));
        }
    }

    private async Task<(RestorationApplication Application, string MatchedBy)?> MatchAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var keys = ReplyKeys.Read(message, ReplyAddress.Parse(options.Value.ReplyAddress));
        var applications = db.Set<RestorationApplication>();
        if (keys.ReplyTokens.Count > 0
            && await applications.FirstOrDefaultAsync(a => keys.ReplyTokens.Contains(a.ReplyToken), cancellationToken) is { } byAddress)
        {
            return (byAddress, "reply-address");
        }

        if (keys.RepliedToOutboxIds.Count > 0)
        {
            var applicationId = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => keys.RepliedToOutboxIds.Contains(m.Id) && m.ApplicationId != null)
                .Select(m => m.ApplicationId)
                .FirstOrDefaultAsync(cancellationToken);
            if (applicationId is { } id && await applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } byThread)
            {
                return (byThread, "in-reply-to");
            }
        }

        // A number is no secret (they are sequential), so it counts only from the address the application was made
        // with, and only when our mail server vouches that this address really sent the message: a From is anyone's
        // to type. Without that the email waits for an operator (DescribeNoMatch says why).
        if (!JudgeSender(message).Authenticated)
        {
            return null;
        }

        foreach (var (numbers, matchedBy) in new[] { (keys.NumbersInSubject, "subject"), (keys.NumbersInText, "body") })
        {
            if (numbers.Count == 0 || keys.Sender is null)
            {
                continue;
            }

            var candidates = await applications.Where(a => numbers.Contains(a.Number)).ToListAsync(cancellationToken);
            if (candidates.FirstOrDefault(a => a.Email.Equals(keys.Sender, StringComparison.OrdinalIgnoreCase)) is { } byNumber)
            {
                return (byNumber, matchedBy);
            }
        }

        return null;
    }

    private SenderVerdict JudgeSender(MimeMessage message) => SenderAuthentication.Judge(message, options.Value.Inbound.TrustedAuthServIds);

    private string DescribeNoMatch(MimeMessage message)
    {
        var numbers = ReplyKeys.Numbers(message.Subject ?? "").Concat(ReplyKeys.Numbers(message.TextBody ?? "")).Distinct().ToList();
        if (numbers.Count == 0)
        {
            return "Не знайдено заяви: лист надіслано не на адресу відповіді заяви, він не є відповіддю на наш лист і не містить номера заяви.";
        }

        var sender = JudgeSender(message);
        return sender.Authenticated
            ? $"Лист містить номер {string.Join(", ", numbers)}, але надісланий не з email цієї заяви й не у відповідь на наш лист — перевірте, чи це справді клієнт."
            : $"Лист містить номер {string.Join(", ", numbers)}, але не є відповіддю на наш лист, а поштовий сервер не підтвердив, що його справді надіслав "
              + $"{message.From.Mailboxes.FirstOrDefault()?.Address ?? "відправник"}: {sender.Explanation}. Номер заяви — не секрет, тож лист чекає на оператора: "
              + "перевірте, чи це справді клієнт, і за потреби додайте квитанцію до заяви вручну.";
    }

    private static string Explain(EmailAttachment attachment) => attachment.Refusal switch
    {
        AttachmentRefusal.TooLarge => $"Файл «{attachment.FileName}» завеликий ({attachment.SizeBytes / (1024 * 1024)} МБ, можна до {ReceiptFormat.MaxBytes / (1024 * 1024)} МБ).",
        AttachmentRefusal.Archive => $"Файл «{attachment.FileName}» — архів; архіви ми не відкриваємо.",
        AttachmentRefusal.Program => $"Файл «{attachment.FileName}» — програма або скрипт; такі файли ми не відкриваємо.",
        _ => $"Файл «{attachment.FileName}» не є PDF чи фото квитанції.",
    };

    private static string Names(IEnumerable<EmailAttachment> attachments) => string.Join(", ", attachments.Select(a => $"«{a.FileName}»"));

    private static MimeMessage? TryParse(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content);
            var message = MimeMessage.Load(stream);
            return message.Headers.Count == 0 ? null : message;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string DeduplicationKey(MimeMessage? message, byte[] content) =>
        message?.MessageId is { Length: > 0 } messageId
            ? "mid:" + (messageId.Length > 990 ? messageId[..990] : messageId)
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private Task<InboundEmail?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.Set<InboundEmail>().AsNoTracking().SingleOrDefaultAsync(e => e.DeduplicationKey == key, cancellationToken);
}
