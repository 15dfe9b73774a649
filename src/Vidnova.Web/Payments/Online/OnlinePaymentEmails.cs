using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Notifications;

namespace Vidnova.Payments.Online;

/// <summary>What a customer is told about an online payment, one email per order and step (the outbox keys them so).</summary>
internal sealed class OnlinePaymentEmails(IOptions<VidnovaOptions> options)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    /// <param name="restorationOpens">The payment cleared the debt of an account cut off for it: the email says so and links the application.</param>
    public Notification? Posted(OnlinePayment payment, Ledger.LedgerBalance balance, bool restorationOpens, Instant now)
    {
        List<EmailBlock> blocks =
        [
            new EmailParagraph($"Ми отримали вашу оплату {payment.Amount.ToString(null, Ukrainian)} за особовим рахунком {payment.AccountNumber} і зарахували її."),
            new EmailTable(
                ("Особовий рахунок", payment.AccountNumber.Value),
                ("Сума", payment.Amount.ToString(null, Ukrainian)),
                ("Номер замовлення", payment.OrderId),
                ("Борг після оплати", balance.Debt.ToString(null, Ukrainian))),
        ];
        if (restorationOpens)
        {
            blocks.Add(new EmailParagraph("Борг погашено. Тепер можна подати заяву на відновлення електропостачання."));
            blocks.Add(new EmailAction("Подати заяву на відновлення", $"{Base}{RestorationAfterPayment.StartPath(payment.AccountNumber)}"));
        }
        else
        {
            blocks.Add(new EmailAction("Переглянути оплату", ResultLink(payment)));
        }

        return Message(payment, "posted", now, $"Оплату зараховано: {payment.Amount.ToString(null, Ukrainian)}, рахунок {payment.AccountNumber}", [.. blocks]);
    }

    public Notification? Reversed(OnlinePayment payment, Ledger.LedgerBalance balance, Instant now) =>
        Message(payment, "reversed", now, $"Оплату повернуто: {payment.Amount.ToString(null, Ukrainian)}, рахунок {payment.AccountNumber}",
            new EmailParagraph($"Платіжна система повідомила, що оплату {payment.Amount.ToString(null, Ukrainian)} (замовлення {payment.OrderId}) повернуто на вашу картку. Ми скасували її зарахування."),
            new EmailParagraph($"Борг за особовим рахунком {payment.AccountNumber} тепер {balance.Debt.ToString(null, Ukrainian)}. Якщо ви не просили повернення, відповідайте на цей лист."),
            new EmailAction("Переглянути оплату", ResultLink(payment)));

    private string Base => options.Value.PublicBaseUrl.TrimEnd('/');

    private string ResultLink(OnlinePayment payment) => $"{Base}/cabinet/payments/{payment.OrderId}";

    private static Notification? Message(OnlinePayment payment, string step, Instant now, string subject, params EmailBlock[] blocks) =>
        payment.Email is { Length: > 0 } email
            ? new($"online-payment:{payment.Id}:{step}",
                EmailLayout.Render("Віднова · оплата", subject, $"Замовлення {payment.OrderId}. Цей лист надіслано автоматично.", blocks),
                email, payment.Id, now)
            : null;
}
