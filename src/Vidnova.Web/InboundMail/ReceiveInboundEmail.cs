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
using Vidnova.Restoration.Replies;
using Vidnova.UntrustedDocuments;

namespace Vidnova.InboundMail;

/// <summary>An email as it arrived: all its bytes, or only its header when it was too large to fetch.</summary>
internal sealed record RawInboundEmail(byte[] Content, long SizeBytes, bool HeadersOnly, string Source);

internal sealed record InboundEmailResult(InboundEmail Email, bool Duplicate);

/// <summary>
/// Files a customer's email: stored verbatim before anything reads it, recorded once however often it is delivered,
/// read by the reader process (<see cref="UntrustedDocumentReader"/>), matched to its application, and its receipt
/// filed and checked exactly as an upload would be. What cannot be acted on — an email the reader could not read
/// among them — waits for an operator with the reason; nothing is dropped and nothing is read in a loop.
/// </summary>
internal sealed class ReceiveInboundEmail(
    VidnovaDbContext db,
    IClock clock,
    IApplicationReplies applications,
    INotificationOutbox notifications,
    OutboxSignal outbox,
    IOptions<MailOptions> options,
    UntrustedDocumentReader reader,
    IOptions<DocumentReaderOptions> readerOptions,
    ILogger<ReceiveInboundEmail> logger)
{
    public async Task<InboundEmailResult> HandleAsync(RawInboundEmail raw, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(raw.Content));
        if (await RecordRawAsync(raw, hash, cancellationToken) is not { } email)
        {
            return new InboundEmailResult(await FindStoredAsync(hash, cancellationToken), Duplicate: true);
        }

        // Stored as Received and claimed: from here it is finished whatever happens to the request (a gateway timeout,
        // a client gone), or it would stay Received until its lease expires and the next delivery is only told "received".
        cancellationToken = CancellationToken.None;

        if (email.Outcome == InboundEmailOutcome.CouldNotRead)
        {
            logger.LogWarning("Inbound email {InboundEmailId} from {Source} was left unread twice; it waits for an operator", email.Id, raw.Source);
            return new InboundEmailResult(email, Duplicate: false);
        }

        var reading = await reader.ReadAsync<EmailReading>(DocumentKind.Email, raw.Content, cancellationToken);
        if (reading is null)
        {
            email.Conclude(InboundEmailOutcome.CouldNotRead,
                "Лист не вдалося прочитати автоматично: його читання перервано (лист надто складний або пошкоджений). Оригінал збережено — відкрийте його й опрацюйте вручну.");
            await db.SaveChangesAsync(cancellationToken);
            return new InboundEmailResult(email, Duplicate: false);
        }

        var digest = reading.Message;
        var message = digest?.ToMessage();
        email.Read(message?.MessageId, message?.From.Mailboxes.FirstOrDefault()?.Address, message?.Subject);
        if (email.MessageId is not null && await FindAsync(email.DeduplicationKey, cancellationToken) is { } known && known.Id != email.Id)
        {
            // The same message delivered again with other bytes (another route, another Received line): recorded once.
            await DiscardAsync(email, cancellationToken);
            return new InboundEmailResult(known, Duplicate: true);
        }

        var now = clock.GetCurrentInstant();
        var sentToDso = false;
        if (digest is null || message is null)
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
            sentToDso = await ActOnAsync(email, digest, message, raw, application, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance (or a second delivery of the same message) may have stored it first.
            db.ChangeTracker.Clear();
            if (await FindAsync(email.DeduplicationKey, cancellationToken) is { } stored && stored.Id != email.Id)
            {
                await DiscardAsync(email, cancellationToken);
                return new InboundEmailResult(stored, Duplicate: true);
            }

            throw;
        }

        applications.WakeDispatchers(sentToDso);
        outbox.Notify();
        logger.LogInformation("Inbound email {InboundEmailId} from {Source}: {Outcome} ({Application})", email.Id, raw.Source, email.Outcome,
            email.ApplicationNumber ?? "no application");
        return new InboundEmailResult(email, Duplicate: false);
    }

    /// <summary>
    /// Commits the bytes and a "received, not yet read" record before any parser touches them, so that a message that
    /// breaks the reader — or the host — is known the next time it is delivered. Returns the email to read now, or
    /// null when it is concluded already or being read by another instance.
    /// </summary>
    private async Task<InboundEmail?> RecordRawAsync(RawInboundEmail raw, string hash, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var email = await db.Set<InboundEmail>().SingleOrDefaultAsync(e => e.ContentHash == hash, cancellationToken);
        if (email is null)
        {
            email = InboundEmail.Received(Guid.NewGuid(), hash, raw.Source, raw.SizeBytes, now);
            db.Add(email);
            db.Add(new InboundEmailContent(email.Id, raw.Content, raw.HeadersOnly));
        }
        else if (!email.MayBeRead(now, ReadLease))
        {
            return null;
        }

        email.StartReading(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return email;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null; // stored or claimed by another delivery at the same moment
        }
    }

    /// <summary>Longer than any read takes: a read started before that was ended by a crash of its instance.</summary>
    private Duration ReadLease => Duration.FromTimeSpan(readerOptions.Value.Timeout) + Duration.FromMinutes(2);

    private async Task<InboundEmail> FindStoredAsync(string hash, CancellationToken cancellationToken) =>
        await db.Set<InboundEmail>().AsNoTracking().SingleOrDefaultAsync(e => e.ContentHash == hash, cancellationToken)
        ?? await FindAsync("sha256:" + hash, cancellationToken)
        ?? throw new InvalidOperationException("An inbound email vanished while it was being recorded.");

    private async Task DiscardAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.Set<InboundEmailContent>().Where(c => c.InboundEmailId == email.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboundEmail>().Where(e => e.Id == email.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> ActOnAsync(InboundEmail email, InboundMessageDigest digest, MimeMessage message, RawInboundEmail raw,
        RepliedApplication application, Instant now, CancellationToken cancellationToken)
    {
        var subject = string.IsNullOrWhiteSpace(email.Subject) ? "(без теми)" : email.Subject;
        if (raw.HeadersOnly)
        {
            var size = (raw.SizeBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.GetCultureInfo("uk-UA"));
            var problem = $"Ваш лист «{subject}» завеликий ({size} МБ), тому ми не змогли його прочитати.";
            email.Conclude(InboundEmailOutcome.TooLarge, $"Лист завеликий ({size} МБ) — не прочитано; клієнта попросили надіслати менший файл.");
            await applications.RecordCustomerEmailAsync(application.Id,
                $"Лист «{subject}» завеликий ({size} МБ) — не прочитано; клієнта попросили надіслати менший файл.", now, cancellationToken);
            await AnswerAsync(email, message, application, problem, now, cancellationToken);
            return false;
        }

        var scan = digest.Files;
        if (!application.AcceptsReceipt)
        {
            var why = application.Status == ApplicationStatus.ReceiptUnderReview
                ? "квитанція за заявою вже на перевірці"
                : $"заява у статусі «{application.Status.ToUkrainian()}» і квитанцію зараз не приймає";
            var files = scan.Receipts.Count == 0 ? "без файлів квитанції" : $"з файлами: {Names(scan.Receipts)}";
            email.Conclude(InboundEmailOutcome.NotAccepted, $"Лист від клієнта {files}; {why}. Прочитайте й відповідайте клієнту.");
            await applications.RecordCustomerEmailAsync(application.Id, $"Лист від клієнта «{subject}» {files}; {why} — лист чекає на оператора.", now,
                cancellationToken);
            return false;
        }

        if (scan.Receipts.Count > 0)
        {
            var chosen = scan.Receipts[0];
            var filed = await applications.FileReceiptAsync(application.Id,
                new ReceiptUpload(chosen.FileName, chosen.ContentType!, chosen.Content!, email.Id), cancellationToken);
            var others = scan.Receipts.Count + scan.Refused.Count - 1;
            email.Conclude(InboundEmailOutcome.ReceiptFiled,
                $"Квитанцію «{chosen.FileName}» додано до заяви {application.Number}" + (others > 0 ? $"; інші файли в листі ({others}) не додано." : "."),
                filed.ReceiptId);
            return filed.SentToDso;
        }

        var problemText = scan.Refused.Count == 0
            ? "У листі немає вкладеного файлу квитанції."
            : string.Join(" ", scan.Refused.Select(Explain));
        email.Conclude(InboundEmailOutcome.NoReceipt, $"Квитанції в листі немає: {problemText} Клієнту відповіли, що надіслати.");
        await applications.RecordCustomerEmailAsync(application.Id, $"Лист від клієнта «{subject}» без квитанції: {problemText}", now, cancellationToken);
        await AnswerAsync(email, message, application, problemText, now, cancellationToken);
        return false;
    }

    private async Task AnswerAsync(InboundEmail email, MimeMessage message, RepliedApplication application, string problem, Instant now,
        CancellationToken cancellationToken)
    {
        if (AutoReplyPolicy.MayAnswer(message))
        {
            await applications.AnswerReceiptNotTakenAsync(application.Id, email.Id, email.MessageId, problem, now, cancellationToken);
        }
    }

    private async Task<(RepliedApplication Application, string MatchedBy)?> MatchAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var keys = ReplyKeys.Read(message, ReplyAddress.Parse(options.Value.ReplyAddress));
        if (keys.ReplyTokens.Count > 0 && await applications.FindByReplyTokenAsync(keys.ReplyTokens, cancellationToken) is { } byAddress)
        {
            return (byAddress, "reply-address");
        }

        if (keys.RepliedToOutboxIds.Count > 0)
        {
            var applicationId = await notifications.CorrelationOfAnyAsync(keys.RepliedToOutboxIds, cancellationToken);
            if (applicationId is { } id && await applications.FindAsync(id, cancellationToken) is { } byThread)
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

            var candidates = await applications.FindByNumbersAsync(numbers, cancellationToken);
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

    private Task<InboundEmail?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.Set<InboundEmail>().AsNoTracking().SingleOrDefaultAsync(e => e.DeduplicationKey == key, cancellationToken);
}
