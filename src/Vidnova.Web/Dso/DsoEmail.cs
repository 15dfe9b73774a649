using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using MimeKit;
using NodaTime;

namespace Vidnova.Dso;

/// <summary>
/// A <see cref="DsoDelivery"/> as an email to a DSO on the email channel: a short text for people and, for the DSO's
/// systems, the webhook body unchanged as a JSON attachment plus the same request as one CSV line. The Message-ID
/// comes from the delivery's idempotency key, so a resent delivery is the same message, never a second one.
/// </summary>
internal static class DsoEmail
{
    public const string IdempotencyKeyHeader = "X-Vidnova-Idempotency-Key";
    public const string EventTypeHeader = "X-Vidnova-Event";

    public static string MessageIdOf(DsoDelivery delivery) => $"{delivery.IdempotencyKey}@vidnova";

    public static MimeMessage Compose(DsoDelivery delivery, string from, string to)
    {
        var payload = JsonSerializer.Deserialize<DsoEventPayload>(delivery.Payload, DsoOutbox.PayloadJson)
            ?? throw new InvalidOperationException($"Delivery {delivery.IdempotencyKey} has no payload.");
        var request = payload.Request;
        var message = new MimeMessage
        {
            MessageId = MessageIdOf(delivery),
            Subject = SubjectOf(payload),
            Date = delivery.CreatedAt.ToDateTimeOffset(),
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add(IdempotencyKeyHeader, delivery.IdempotencyKey);
        message.Headers.Add(EventTypeHeader, payload.EventType);

        var body = new BodyBuilder { TextBody = TextOf(payload) };
        var baseName = $"{request.ApplicationNumber}-{payload.EventType}";
        body.Attachments.Add($"{baseName}.json", Encoding.UTF8.GetBytes(delivery.Payload), new ContentType("application", "json") { Charset = "utf-8" });
        body.Attachments.Add($"{baseName}.csv", Csv(payload), new ContentType("text", "csv") { Charset = "utf-8" });
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string SubjectOf(DsoEventPayload payload) => payload.EventType switch
    {
        DsoDelivery.Reminder => $"Нагадування: граничний строк відновлення за заявкою {payload.Request.ApplicationNumber} — {Date(payload.Request.Deadline)}",
        DsoDelivery.DisconnectionRequested => $"Заявка на відключення за борг {payload.Request.ApplicationNumber}, EIC {payload.Request.Eic}",
        DsoDelivery.DisconnectionCancelled => $"СКАСУВАННЯ заявки на відключення {payload.Request.ApplicationNumber}, EIC {payload.Request.Eic} — не відключайте",
        _ => $"Заявка на відновлення електропостачання {payload.Request.ApplicationNumber}, EIC {payload.Request.Eic}",
    };

    private static string TextOf(DsoEventPayload payload)
    {
        var request = payload.Request;
        var text = new StringBuilder();
        text.AppendLine(payload.EventType switch
        {
            DsoDelivery.Reminder => $"Нагадуємо: заявку {request.ApplicationNumber} треба виконати до кінця {Date(request.Deadline)} (Кодекс систем розподілу, п. 11.5.23).",
            DsoDelivery.DisconnectionRequested =>
                $"Просимо припинити електропостачання за заявкою {request.ApplicationNumber}: споживача двічі попереджено, борг не сплачено (ПРРЕ, п. 7.5).",
            DsoDelivery.DisconnectionCancelled =>
                $"Заявку на відключення {request.ApplicationNumber} скасовано: борг сплачено. Не припиняйте електропостачання.",
            _ => $"Просимо відновити електропостачання за заявкою {request.ApplicationNumber}: борг і послугу відновлення оплачено.",
        });
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Особовий рахунок: {request.AccountNumber}");
        text.AppendLine(CultureInfo.InvariantCulture, $"EIC: {request.Eic}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Адреса: {request.Address}");
        if (payload.EventType is DsoDelivery.RestorationRequested or DsoDelivery.Reminder)
        {
            text.AppendLine(request.Settlement == "rural" ? "Сільська місцевість: 5 робочих днів." : "Місто: 3 робочі дні.");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Ідентифікатор запиту: {request.Id}");
        text.AppendLine();
        text.AppendLine("Повідомте про отримання й виконання через API (POST /api/v1/dso/work-orders/{id}/events) — див. docs/dso-protocol.md.");
        text.AppendLine("Дані для ваших систем — у вкладеннях JSON і CSV.");
        return text.ToString();
    }

    private static byte[] Csv(DsoEventPayload payload)
    {
        var request = payload.Request;
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        {
            using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteRecords([new DsoRequestCsvRow(payload.EventType, payload.DsoCode, request.Id.ToString(), request.Status, request.ApplicationNumber,
                request.AccountNumber, request.Eic, request.Address, request.Settlement, Iso(request.CreatedAt), Iso(request.ReceivedAt),
                request.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")]);
        }

        return buffer.ToArray();
    }

    private static string Date(LocalDate? date) => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "—";

    private static string Iso(Instant? instant) => instant?.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>The CSV attachment's one line: the request's fields as the JSON has them; CsvHelper writes it at compile time.</summary>
[CsvRecord]
internal sealed partial record DsoRequestCsvRow(
    string EventType, string DsoCode, string RequestId, string Status, string ApplicationNumber, string AccountNumber, string Eic,
    string Address, string Settlement, string CreatedAt, string ReceivedAt, string Deadline);
