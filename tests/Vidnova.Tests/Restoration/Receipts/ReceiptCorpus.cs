using NodaTime;
using Vidnova.Kernel;
using Vidnova.Restoration;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>One receipt of the corpus: how it was made, and what the automatic check should make of it.</summary>
internal sealed record CorpusReceipt(string Name, BankLayout? Layout, bool Good, ReceiptAutoCheckOutcome Expected, ReceiptCheckKind? FailingCheck)
{
    public required Func<byte[]> Render { get; init; }

    public override string ToString() => Name;
}

/// <summary>
/// The invoice of application VN-2026-000001 and receipts for it in every bank layout: good ones (exact amount, and a
/// variant with an overpayment, another dash and the invoice's own day) and bad ones, one defect each.
/// </summary>
internal static class ReceiptCorpus
{
    public const string ApplicationNumber = "VN-2026-000001";
    public const string DsoIban = "UA213223130000026007233566001";
    public const string DsoEdrpou = "41946011";
    public const string DsoName = "ПрАТ «ДТЕК Київські електромережі»";

    /// <summary>Someone else's account, valid under mod-97 (Oschadbank's MFO 300465).</summary>
    public static readonly string OtherIban = Iban.Create("300465", "26009876543210").Value;

    /// <summary>Issued on 24 November 2026 at 12:00 Kyiv time.</summary>
    public static readonly Invoice Invoice = new(Money.Uah(1234.56m), DsoName, Edrpou.Parse(DsoEdrpou), Iban.Parse(DsoIban),
        $"Оплата послуги з відновлення електропостачання, заява {ApplicationNumber}", Instant.FromUtc(2026, 11, 24, 10, 0));

    internal static readonly Payment Exact = new(DsoName, DsoIban, DsoEdrpou, 1234.56m, new LocalDateTime(2026, 11, 25, 14, 35, 12),
        $"Оплата послуги з відновлення електропостачання, заява {ApplicationNumber}, о/р 2000000001");

    /// <summary>Paid more, on the invoice's own day, the number typed with en dashes and in lower case.</summary>
    internal static readonly Payment Variant = Exact with
    {
        Amount = 1300m,
        PaidAt = new LocalDateTime(2026, 11, 24, 19, 5, 0),
        Purpose = "За відновлення електропостачання згідно рахунку ОСР, номер заяви vn–2026–000001. Шевченко Т.Г.",
    };

    public static IReadOnlyList<CorpusReceipt> All { get; } = Build();

    public static IEnumerable<CorpusReceipt> GoodOnes => All.Where(r => r.Good);

    public static IEnumerable<CorpusReceipt> BadOnes => All.Where(r => !r.Good);

    public static TheoryData<string> Names(bool? good = null)
    {
        var data = new TheoryData<string>();
        foreach (var receipt in All.Where(r => good is null || r.Good == good))
        {
            data.Add(receipt.Name);
        }

        return data;
    }

    public static CorpusReceipt Get(string name) => All.Single(r => r.Name == name);

    private static List<CorpusReceipt> Build()
    {
        var receipts = new List<CorpusReceipt>();
        foreach (var layout in Enum.GetValues<BankLayout>())
        {
            void Add(string variant, bool good, ReceiptCheckKind? failing, Payment payment) =>
                receipts.Add(new CorpusReceipt($"{layout}: {variant}", layout, good,
                    good ? ReceiptAutoCheckOutcome.Approved : ReceiptAutoCheckOutcome.ChecksFailed, failing)
                { Render = () => BankReceipts.Render(layout, payment) });

            Add("exact", true, null, Exact);
            Add("overpaid, same day, en dashes", true, null, Variant);
            Add("IBAN mismatch", false, ReceiptCheckKind.PayeeIban, Exact with { PayeeIban = OtherIban });
            Add("one kopiyka short", false, ReceiptCheckKind.Amount, Exact with { Amount = 1234.55m });
            Add("purpose without the number", false, ReceiptCheckKind.Purpose,
                Exact with { Purpose = "Оплата послуги з відновлення електропостачання, о/р 2000000001" });
            Add("date before the invoice", false, ReceiptCheckKind.PaymentDate, Exact with { PaidAt = new LocalDateTime(2026, 11, 23, 18, 0, 0) });
        }

        receipts.Add(new CorpusReceipt("scan: image-only PDF", null, false, ReceiptAutoCheckOutcome.NoTextLayer, null)
        { Render = ReceiptPdf.ImageOnly });
        receipts.Add(new CorpusReceipt("damaged PDF", null, false, ReceiptAutoCheckOutcome.UnreadablePdf, null)
        { Render = () => "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"u8.ToArray() });
        receipts.Add(new CorpusReceipt("a text PDF that is not a receipt", null, false, ReceiptAutoCheckOutcome.ChecksFailed, null)
        {
            Render = () => new ReceiptPdf()
                .Text(40, 60, "Шановний споживачу!", 12, bold: true)
                .Text(40, 80, "Нагадуємо про необхідність передати показання лічильника до 3 числа.", 10)
                .Build(),
        });
        return receipts;
    }
}
