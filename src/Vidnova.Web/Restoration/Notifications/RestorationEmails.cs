using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Notifications;

namespace Vidnova.Restoration.Notifications;

/// <summary>
/// The emails a customer receives at each step of restoration, in Ukrainian, each as HTML with an equivalent
/// plain-text part (<see cref="EmailLayout"/>). They are queued through the notification outbox with a key that makes
/// each one unique per application and step, and with the application's id as their correlation id.
/// </summary>
internal sealed class RestorationEmails(IOptions<VidnovaOptions> options, IOptions<MailOptions> mail, ApplicationLinks links)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    /// <summary>
    /// The application's page with a signed link that opens it on any device for a while (<see cref="ApplicationLinks"/>);
    /// after that the customer signs in to the personal account or opens a newer email.
    /// </summary>
    public string StatusLink(RestorationApplication application) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/restoration/{application.Id}?{ApplicationLinks.QueryParameter}={Uri.EscapeDataString(links.Sign(application.Id))}";

    /// <summary>Every confirmation-code email of an application has a key starting so; the limit per hour counts them.</summary>
    public static string ConfirmationKeyPrefix(Guid applicationId) => $"application:{applicationId}:confirmation";

    /// <param name="resend">A repeated code: a step of its own, so each one is a separate message in the outbox.</param>
    public Notification ConfirmationCode(RestorationApplication application, string accessToken, string code, Instant now, Guid? resend = null)
    {
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/restoration/{application.Id}/confirm?token={Uri.EscapeDataString(accessToken)}&code={code}";
        return Message(application, resend is { } r ? $"confirmation:resend:{r:N}" : "confirmation", now,
            resend is null ? $"Підтвердіть email для заяви {application.Number}" : $"Новий код: підтвердіть email для заяви {application.Number}",
            new EmailParagraph($"Ви подали заяву {application.Number} на відновлення електропостачання за особовим рахунком {application.AccountNumber}."),
            new EmailParagraph("Щоб ми надіслали рахунок за послугу відновлення, підтвердіть цю адресу:"),
            new EmailAction("Підтвердити email", link),
            new EmailParagraph($"Або введіть код у застосунку чи чат-боті: {code}"),
            new EmailParagraph("Якщо ви не подавали заяву, просто проігноруйте цей лист."));
    }

    public Notification RepeatedSubmission(RestorationApplication application, Instant now) =>
        Message(application, $"repeat:{now.ToUnixTimeSeconds() / 3600}", now, $"Ваша заява {application.Number} вже в роботі",
            new EmailParagraph($"За особовим рахунком {application.AccountNumber} вже є відкрита заява {application.Number} (статус: {application.Status.ToUkrainian()})."),
            new EmailParagraph("Нову заяву подавати не потрібно — стежте за цією:"),
            new EmailAction("Переглянути заяву", StatusLink(application)));

    public Notification Invoice(RestorationApplication application, Instant now)
    {
        var invoice = application.Invoice!;
        return Message(application, "invoice", now, $"Рахунок за відновлення електропостачання, заява {application.Number}",
            new EmailParagraph("Email підтверджено. Сплатіть послугу відновлення електропостачання оператору системи розподілу (ОСР) за реквізитами:"),
            new EmailTable(
                ("Отримувач", invoice.RecipientName),
                ("Код отримувача (ЄДРПОУ)", invoice.RecipientCode.Value),
                ("IBAN", invoice.Iban.Value),
                ("Сума", invoice.Amount.ToString(null, Ukrainian)),
                ("Призначення платежу", invoice.Purpose)),
            new EmailParagraph("Важливо: вкажіть призначення платежу точно як тут — з номером заяви."),
            new EmailParagraph($"Після оплати надішліть квитанцію ({ReceiptFormat.Described}) у відповідь на цей лист або завантажте її на сторінці заяви:"),
            new EmailAction("Завантажити квитанцію", StatusLink(application)));
    }

    public Notification ReceiptReceived(RestorationApplication application, Receipt receipt, Instant now) =>
        Message(application, $"receipt-received:{receipt.Id}", now, $"Квитанцію отримано, заява {application.Number}",
            new EmailParagraph($"Ми отримали квитанцію «{receipt.FileName}» і перевіряємо її. Після перевірки передамо заявку ОСР і повідомимо вас."),
            new EmailAction("Переглянути заяву", StatusLink(application)));

    /// <summary>The answer to a reply that brought no receipt we could take: what was wrong and what to send instead.</summary>
    public Notification ReceiptNotTaken(RestorationApplication application, Guid inboundEmailId, string? inReplyTo, string problem, Instant now) =>
        AutoReply(application, inboundEmailId, inReplyTo, now, $"Квитанцію не отримано, заява {application.Number}",
            new EmailParagraph($"Дякуємо за лист. {problem}"),
            new EmailParagraph($"Надішліть, будь ласка, квитанцію про оплату рахунку у відповідь на цей лист: {ReceiptFormat.Described} кожен файл. PDF з банківського застосунку — найкраще: його перевіряємо автоматично. Архіви (ZIP, RAR) і програми ми не відкриваємо."),
            new EmailParagraph("Або завантажте квитанцію на сторінці заяви:"),
            new EmailAction("Завантажити квитанцію", StatusLink(application)));

    public Notification ReceiptApproved(RestorationApplication application, Instant now) =>
        Message(application, "receipt-approved", now, $"Заявку {application.Number} передано ОСР",
            new EmailParagraph("Квитанцію перевірено. Ми передали заявку на відновлення електропостачання оператору системи розподілу."),
            new EmailParagraph($"Коли ОСР підтвердить отримання, він має відновити живлення протягом {RestorationDeadline.WorkingDaysAllowed(application.Settlement)} робочих днів (Кодекс систем розподілу, п. 11.5.23). Ми повідомимо граничну дату."),
            new EmailAction("Переглянути заяву", StatusLink(application)));

    /// <summary>
    /// The same step as <see cref="ReceiptApproved"/> (and the same key, so the customer gets one such email), but the
    /// customer may have sent no receipt at all: the DSO's bank statement proved the payment.
    /// </summary>
    public Notification PaymentConfirmedByStatement(RestorationApplication application, Instant now) =>
        Message(application, "receipt-approved", now, $"Заявку {application.Number} передано ОСР",
            new EmailParagraph("Оператор системи розподілу підтвердив вашу оплату за своєю банківською випискою. Ми передали йому заявку на відновлення електропостачання."),
            new EmailParagraph($"Коли ОСР підтвердить отримання, він має відновити живлення протягом {RestorationDeadline.WorkingDaysAllowed(application.Settlement)} робочих днів (Кодекс систем розподілу, п. 11.5.23). Ми повідомимо граничну дату."),
            new EmailAction("Переглянути заяву", StatusLink(application)));

    public Notification ReceiptRejected(RestorationApplication application, Receipt receipt, Instant now) =>
        Message(application, $"receipt-rejected:{receipt.Id}", now, $"Квитанцію не прийнято, заява {application.Number}",
            new EmailParagraph($"На жаль, квитанцію «{receipt.FileName}» не прийнято. Причина: {receipt.RejectionReason}"),
            new EmailParagraph("Виправте, будь ласка, і надішліть квитанцію ще раз — у відповідь на лист з рахунком або на сторінці заяви:"),
            new EmailAction("Надіслати квитанцію ще раз", StatusLink(application)));

    public Notification DsoAcknowledged(RestorationApplication application, Instant now) =>
        Message(application, "dso-received", now, $"ОСР прийняв заявку {application.Number}",
            new EmailParagraph("Оператор системи розподілу отримав заявку на відновлення електропостачання."),
            new EmailParagraph($"Граничний строк відновлення — {application.DsoRequest!.Deadline!.Value.ToString("d MMMM yyyy", Ukrainian)} (включно)."),
            new EmailAction("Переглянути заяву", StatusLink(application)));

    public Notification Restored(RestorationApplication application, Instant now) =>
        Message(application, "restored", now, $"Електропостачання відновлено, заява {application.Number}",
            new EmailParagraph("Оператор системи розподілу повідомив, що електропостачання за вашою адресою відновлено. Дякуємо, що скористалися онлайн-заявою!"),
            new EmailParagraph("Якщо світла досі немає, відповідайте на цей лист — ми з'ясуємо з ОСР."));

    public Notification DsoRejected(RestorationApplication application, Instant now) =>
        Message(application, "dso-rejected", now, $"ОСР відмовив у відновленні, заява {application.Number}",
            new EmailParagraph($"Оператор системи розподілу відмовив у відновленні. Причина: {application.DsoRequest!.RejectionReason}"),
            new EmailParagraph("Відповідайте на цей лист або зателефонуйте нам — ми допоможемо усунути причину."),
            new EmailAction("Переглянути заяву", StatusLink(application)));

    public Notification Compensation(RestorationApplication application, Instant now) =>
        Message(application, "sla-compensation", now, $"ОСР порушив строк відновлення — вам належить компенсація, заява {application.Number}",
            new EmailParagraph($"Оператор системи розподілу мав відновити електропостачання до {application.Compensation!.MissedDeadline.ToString("d MMMM yyyy", Ukrainian)} включно, але не зробив цього вчасно."),
            new EmailParagraph($"За порушення гарантованого стандарту вам належить компенсація {application.Compensation.Amount.ToString(null, Ukrainian)} (постанова НКРЕКП № 375). ОСР зараховує її протягом 45 днів — окремо звертатися не потрібно."),
            new EmailAction("Переглянути заяву", StatusLink(application)));

    private Notification Message(RestorationApplication application, string step, Instant now, string subject, params EmailBlock[] blocks) =>
        new($"application:{application.Id}:{step}", Render(application, subject, blocks), application.Email, application.Id, now)
        {
            ReplyTo = ReplyTo(application),
        };

    private Notification AutoReply(RestorationApplication application, Guid inboundEmailId, string? inReplyTo, Instant now, string subject,
        params EmailBlock[] blocks) =>
        new($"inbound-email:{inboundEmailId}:reply", Render(application, subject, blocks), application.Email, application.Id, now)
        {
            ReplyTo = ReplyTo(application),
            InReplyTo = inReplyTo,
            IsAutoReply = true,
        };

    private string? ReplyTo(RestorationApplication application) => ReplyAddress.Parse(mail.Value.ReplyAddress)?.For(application.ReplyToken);

    private static EmailContent Render(RestorationApplication application, string subject, EmailBlock[] blocks) =>
        EmailLayout.Render("Віднова · відновлення електропостачання", subject,
            $"Заява {application.Number}. Цей лист надіслано автоматично; ви можете відповісти на нього.", blocks);
}
