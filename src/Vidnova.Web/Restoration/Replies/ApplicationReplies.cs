using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration.Notifications;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration.Replies;

/// <summary>
/// The applications are loaded tracked, so what the mailbox does to one is saved by its unit of work; an application
/// it found is reused, not read again.
/// </summary>
internal sealed class ApplicationReplies(VidnovaDbContext db, SubmitReceipt receipts, RestorationEmails emails, INotificationOutbox notifications)
    : IApplicationReplies
{
    public async Task<RepliedApplication?> FindByReplyTokenAsync(IReadOnlyCollection<string> replyTokens, CancellationToken cancellationToken) =>
        Replied(await db.Set<RestorationApplication>().FirstOrDefaultAsync(a => replyTokens.Contains(a.ReplyToken), cancellationToken));

    public async Task<RepliedApplication?> FindAsync(Guid applicationId, CancellationToken cancellationToken) =>
        Replied(await db.Set<RestorationApplication>().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken));

    public async Task<IReadOnlyList<RepliedApplication>> FindByNumbersAsync(IReadOnlyCollection<string> numbers, CancellationToken cancellationToken) =>
        [.. (await db.Set<RestorationApplication>().Where(a => numbers.Contains(a.Number)).ToListAsync(cancellationToken)).Select(a => Replied(a)!)];

    public async Task<FiledReceipt> FileReceiptAsync(Guid applicationId, ReceiptUpload upload, CancellationToken cancellationToken)
    {
        var application = await TrackedAsync(applicationId, cancellationToken);
        var sentToDso = await receipts.AddAsync(application, upload, cancellationToken);
        return new FiledReceipt(application.Receipts[^1].Id, sentToDso);
    }

    public async Task RecordCustomerEmailAsync(Guid applicationId, string description, Instant now, CancellationToken cancellationToken) =>
        (await TrackedAsync(applicationId, cancellationToken)).RecordCustomerEmail(description, now);

    public async Task AnswerReceiptNotTakenAsync(Guid applicationId, Guid inboundEmailId, string? inReplyTo, string problem, Instant now,
        CancellationToken cancellationToken) =>
        notifications.Enqueue(emails.ReceiptNotTaken(await TrackedAsync(applicationId, cancellationToken), inboundEmailId, inReplyTo, problem, now));

    public void WakeDispatchers(bool sentToDso) => receipts.WakeDispatchers(sentToDso);

    private async Task<RestorationApplication> TrackedAsync(Guid applicationId, CancellationToken cancellationToken) =>
        db.Set<RestorationApplication>().Local.FirstOrDefault(a => a.Id == applicationId)
        ?? await db.Set<RestorationApplication>().SingleAsync(a => a.Id == applicationId, cancellationToken);

    private static RepliedApplication? Replied(RestorationApplication? application) =>
        application is null ? null : new(application.Id, application.Number, application.Email, application.Status, application.AcceptsReceipt);
}
