using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.InboundMail;
using Vidnova.Restoration;

namespace Vidnova.Notifications;

/// <summary>
/// The emails a customer receives at each step, in Ukrainian, each as HTML with an equivalent plain-text part.
/// They are queued through the outbox with a key that makes each one unique per application and step.
/// </summary>
public sealed class CustomerEmails(IOptions<VidnovaOptions> options, IOptions<MailOptions> mail)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    // Ukrainian letters stay readable in the HTML source (and the message smaller) instead of becoming &#x...; entities.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public string StatusLink(RestorationApplication application, string? accessToken = null) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/restoration/{application.Id}" + (accessToken is null ? "" : $"?token={Uri.EscapeDataString(accessToken)}");

    /// <summary>Every confirmation-code email of an application has a key starting so; the limit per hour counts them.</summary>
    public static string ConfirmationKeyPrefix(Guid applicationId) => $"application:{applicationId}:confirmation";

    /// <param name="resend">A repeated code: a step of its own, so each one is a separate message in the outbox.</param>
    public OutboxMessage ConfirmationCode(RestorationApplication application, string accessToken, string code, Instant now, Guid? resend = null)
    {
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/restoration/{application.Id}/confirm?token={Uri.EscapeDataString(accessToken)}&code={code}";
        return Message(application, resend is { } r ? $"confirmation:resend:{r:N}" : "confirmation", now,
            resend is null ? $"Підтвердіть email для заяви {application.Number}" : $"Новий код: підтвердіть email для заяви {application.Number}",
            new Paragraph($"Ви подали заяву {application.Number} на відновлення електропостачання за особовим рахунком {application.AccountNumber}."),
            new Paragraph("Щоб ми надіслали рахунок за послугу відновлення, підтвердіть цю адресу:"),
            new Action("Підтвердити email", link),
            new Paragraph($"Або введіть код у застосунку чи чат-боті: {code}"),
            new Paragraph("Якщо ви не подавали заяву, просто проігноруйте цей лист."));
    }

    public OutboxMessage RepeatedSubmission(RestorationApplication application, Instant now) =>
        Message(application, $"repeat:{now.ToUnixTimeSeconds() / 3600}", now, $"Ваша заява {application.Number} вже в роботі",
            new Paragraph($"За особовим рахунком {application.AccountNumber} вже є відкрита заява {application.Number} (статус: {application.Status.ToUkrainian()})."),
            new Paragraph("Нову заяву подавати не потрібно — стежте за цією:"),
            new Action("Переглянути заяву", StatusLink(application)));

    public OutboxMessage Invoice(RestorationApplication application, Instant now)
    {
        var invoice = application.Invoice!;
        return Message(application, "invoice", now, $"Рахунок за відновлення електропостачання, заява {application.Number}",
            new Paragraph("Email підтверджено. Сплатіть послугу відновлення електропостачання оператору системи розподілу (ОСР) за реквізитами:"),
            new Table(
                ("Отримувач", invoice.RecipientName),
                ("Код отримувача (ЄДРПОУ)", invoice.RecipientCode.Value),
                ("IBAN", invoice.Iban.Value),
                ("Сума", invoice.Amount.ToString(null, Ukrainian)),
                ("Призначення платежу", invoice.Purpose)),
            new Paragraph("Важливо: вкажіть призначення платежу точно як тут — з номером заяви."),
            new Paragraph("Після оплати надішліть квитанцію (PDF з банківського застосунку або фото/скриншот у JPEG, PNG чи HEIC, до 10 МБ) у відповідь на цей лист або завантажте її на сторінці заяви:"),
            new Action("Завантажити квитанцію", StatusLink(application)));
    }

    public OutboxMessage ReceiptReceived(RestorationApplication application, Receipt receipt, Instant now) =>
        Message(application, $"receipt-received:{receipt.Id}", now, $"Квитанцію отримано, заява {application.Number}",
            new Paragraph($"Ми отримали квитанцію «{receipt.FileName}» і перевіряємо її. Після перевірки передамо заявку ОСР і повідомимо вас."),
            new Action("Переглянути заяву", StatusLink(application)));

    /// <summary>The answer to a reply that brought no receipt we could take: what was wrong and what to send instead.</summary>
    public OutboxMessage ReceiptNotTaken(RestorationApplication application, Guid inboundEmailId, string? inReplyTo, string problem, Instant now) =>
        AutoReply(application, inboundEmailId, inReplyTo, now, $"Квитанцію не отримано, заява {application.Number}",
            new Paragraph($"Дякуємо за лист. {problem}"),
            new Paragraph($"Надішліть, будь ласка, квитанцію про оплату рахунку у відповідь на цей лист: PDF з банківського застосунку (найкраще — його перевіряємо автоматично) або фото чи скриншот у JPEG, PNG або HEIC, кожен файл до {ReceiptFormat.MaxBytes / (1024 * 1024)} МБ. Архіви (ZIP, RAR) і програми ми не відкриваємо."),
            new Paragraph("Або завантажте квитанцію на сторінці заяви:"),
            new Action("Завантажити квитанцію", StatusLink(application)));

    public OutboxMessage ReceiptApproved(RestorationApplication application, Instant now) =>
        Message(application, "receipt-approved", now, $"Заявку {application.Number} передано ОСР",
            new Paragraph("Квитанцію перевірено. Ми передали заявку на відновлення електропостачання оператору системи розподілу."),
            new Paragraph($"Коли ОСР підтвердить отримання, він має відновити живлення протягом {RestorationDeadline.WorkingDaysAllowed(application.Settlement)} робочих днів (Кодекс систем розподілу, п. 11.5.23). Ми повідомимо граничну дату."),
            new Action("Переглянути заяву", StatusLink(application)));

    /// <summary>
    /// The same step as <see cref="ReceiptApproved"/> (and the same key, so the customer gets one such email), but the
    /// customer may have sent no receipt at all: the DSO's bank statement proved the payment.
    /// </summary>
    public OutboxMessage PaymentConfirmedByStatement(RestorationApplication application, Instant now) =>
        Message(application, "receipt-approved", now, $"Заявку {application.Number} передано ОСР",
            new Paragraph("Оператор системи розподілу підтвердив вашу оплату за своєю банківською випискою. Ми передали йому заявку на відновлення електропостачання."),
            new Paragraph($"Коли ОСР підтвердить отримання, він має відновити живлення протягом {RestorationDeadline.WorkingDaysAllowed(application.Settlement)} робочих днів (Кодекс систем розподілу, п. 11.5.23). Ми повідомимо граничну дату."),
            new Action("Переглянути заяву", StatusLink(application)));

    public OutboxMessage ReceiptRejected(RestorationApplication application, Receipt receipt, Instant now) =>
        Message(application, $"receipt-rejected:{receipt.Id}", now, $"Квитанцію не прийнято, заява {application.Number}",
            new Paragraph($"На жаль, квитанцію «{receipt.FileName}» не прийнято. Причина: {receipt.RejectionReason}"),
            new Paragraph("Виправте, будь ласка, і надішліть квитанцію ще раз — у відповідь на лист з рахунком або на сторінці заяви:"),
            new Action("Надіслати квитанцію ще раз", StatusLink(application)));

    public OutboxMessage DsoAcknowledged(RestorationApplication application, Instant now) =>
        Message(application, "dso-received", now, $"ОСР прийняв заявку {application.Number}",
            new Paragraph("Оператор системи розподілу отримав заявку на відновлення електропостачання."),
            new Paragraph($"Граничний строк відновлення — {application.DsoRequest!.Deadline!.Value.ToString("d MMMM yyyy", Ukrainian)} (включно)."),
            new Action("Переглянути заяву", StatusLink(application)));

    public OutboxMessage Restored(RestorationApplication application, Instant now) =>
        Message(application, "restored", now, $"Електропостачання відновлено, заява {application.Number}",
            new Paragraph("Оператор системи розподілу повідомив, що електропостачання за вашою адресою відновлено. Дякуємо, що скористалися онлайн-заявою!"),
            new Paragraph("Якщо світла досі немає, відповідайте на цей лист — ми з'ясуємо з ОСР."));

    public OutboxMessage DsoRejected(RestorationApplication application, Instant now) =>
        Message(application, "dso-rejected", now, $"ОСР відмовив у відновленні, заява {application.Number}",
            new Paragraph($"Оператор системи розподілу відмовив у відновленні. Причина: {application.DsoRequest!.RejectionReason}"),
            new Paragraph("Відповідайте на цей лист або зателефонуйте нам — ми допоможемо усунути причину."),
            new Action("Переглянути заяву", StatusLink(application)));

    public OutboxMessage Compensation(RestorationApplication application, Instant now) =>
        Message(application, "sla-compensation", now, $"ОСР порушив строк відновлення — вам належить компенсація, заява {application.Number}",
            new Paragraph($"Оператор системи розподілу мав відновити електропостачання до {application.Compensation!.MissedDeadline.ToString("d MMMM yyyy", Ukrainian)} включно, але не зробив цього вчасно."),
            new Paragraph($"За порушення гарантованого стандарту вам належить компенсація {application.Compensation.Amount.ToString(null, Ukrainian)} (постанова НКРЕКП № 375). ОСР зараховує її протягом 45 днів — окремо звертатися не потрібно."),
            new Action("Переглянути заяву", StatusLink(application)));

    private OutboxMessage Message(RestorationApplication application, string step, Instant now, string subject, params Block[] blocks) =>
        OutboxMessage.Create($"application:{application.Id}:{step}", Render(application, subject, blocks), application.Email, application.Id, now,
            ReplyTo(application));

    private OutboxMessage AutoReply(RestorationApplication application, Guid inboundEmailId, string? inReplyTo, Instant now, string subject,
        params Block[] blocks) =>
        OutboxMessage.AutoReply($"inbound-email:{inboundEmailId}:reply", Render(application, subject, blocks), application.Email,
            application.Id, now, ReplyTo(application), inReplyTo);

    private string? ReplyTo(RestorationApplication application) => ReplyAddress.Parse(mail.Value.ReplyAddress)?.For(application.ReplyToken);

    private static EmailContent Render(RestorationApplication application, string subject, Block[] blocks)
    {
        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append("<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(subject))
            .Append("</title></head><body style=\"font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a;max-width:600px\">");
        html.Append("<p style=\"font-size:20px;font-weight:bold;color:#0b5cad\">Віднова · відновлення електропостачання</p>");
        foreach (var block in blocks)
        {
            block.Render(html, text);
        }

        html.Append("<hr><p style=\"color:#666;font-size:12px\">Заява ").Append(Html.Encode(application.Number))
            .Append(". Цей лист надіслано автоматично; ви можете відповісти на нього.</p></body></html>");
        text.AppendLine().Append("Заява ").Append(application.Number).AppendLine(". Цей лист надіслано автоматично; ви можете відповісти на нього.");
        return new EmailContent(subject, html.ToString(), text.ToString());
    }

    private abstract record Block
    {
        public abstract void Render(StringBuilder html, StringBuilder text);
    }

    private sealed record Paragraph(string Text) : Block
    {
        public override void Render(StringBuilder html, StringBuilder text)
        {
            html.Append("<p>").Append(Html.Encode(Text)).Append("</p>");
            text.AppendLine(Text).AppendLine();
        }
    }

    private sealed record Action(string Label, string Url) : Block
    {
        public override void Render(StringBuilder html, StringBuilder text)
        {
            html.Append("<p><a href=\"").Append(Html.Encode(Url))
                .Append("\" style=\"display:inline-block;background:#0b5cad;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none\">")
                .Append(Html.Encode(Label)).Append("</a></p>");
            text.Append(Label).Append(": ").AppendLine(Url).AppendLine();
        }
    }

    private sealed record Table(params (string Label, string Value)[] Rows) : Block
    {
        public override void Render(StringBuilder html, StringBuilder text)
        {
            html.Append("<table style=\"border-collapse:collapse\">");
            foreach (var (label, value) in Rows)
            {
                html.Append("<tr><th style=\"text-align:left;padding:4px 12px 4px 0;vertical-align:top\">").Append(Html.Encode(label))
                    .Append("</th><td style=\"padding:4px 0\">").Append(Html.Encode(value)).Append("</td></tr>");
                text.Append(label).Append(": ").AppendLine(value);
            }

            html.Append("</table>");
            text.AppendLine();
        }
    }
}
