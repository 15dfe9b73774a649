using System.Globalization;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Kernel;

namespace Vidnova.Billing.Bills;

/// <summary>
/// Configuration section <c>Billing:Supplier</c>: the supplier's requisites printed on every bill and put in its
/// payment QR. The defaults are a demo supplier's; production sets its own.
/// </summary>
public sealed class SupplierOptions
{
    public const string Section = "Billing:Supplier";

    public string Name { get; set; } = "ТОВ «Віднова Енергозбут» (демо)";

    public string Edrpou { get; set; } = "42500122";

    public string Iban { get; set; } = "UA323005280000026003000012345";

    public string Address { get; set; } = "01001, м. Київ, вул. Хрещатик, 1";

    public string Phone { get; set; } = "0 800 000 000";
}

/// <summary>
/// The monthly bill as a PDF in Ukrainian (PDFsharp, DejaVu Sans from fonts-dejavu-core): the supplier's requisites,
/// the account, previous balance, payments, the lines, what to pay by when, whether and how it was estimated, and the
/// NBU payment QR (<see cref="NbuPaymentQr"/>) to the supplier's IBAN with the account number in the purpose.
/// </summary>
internal sealed class BillDocument(IOptions<SupplierOptions> supplier)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    public const string ContentType = "application/pdf";

    public static string FileName(Bill bill) => $"rakhunok-{bill.AccountNumber}-{bill.Period}.pdf";

    /// <summary>The payment the bill's QR asks for: what is to pay, to the supplier, for this account and month.</summary>
    public CreditTransfer TransferOf(Bill bill) => new(supplier.Value.Name, Iban.Parse(supplier.Value.Iban), bill.ToPay, Edrpou.Parse(supplier.Value.Edrpou),
        $"Оплата за електроенергію, о/р {bill.AccountNumber}, {Month(bill.Period)}", bill.IssuedAt.InZone(KyivTime.Zone).LocalDateTime);

    public byte[] Render(Bill bill, PersonalAccountSummary account)
    {
        DejaVuFonts.Install();
        var s = supplier.Value;
        using var document = new PdfDocument();
        document.Info.Title = $"Рахунок за електроенергію {bill.Period}, о/р {bill.AccountNumber}";
        document.Info.Author = s.Name;
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var regular = Font(10, bold: false);
            var bold = Font(10, bold: true);
            var small = Font(8.5, bold: false);
            const double left = 48;
            var right = page.Width.Point - 48;
            var y = 56.0;
            void Line(string text, XFont font, double height = 15)
            {
                g.DrawString(text, font, XBrushes.Black, new XPoint(left, y));
                y += height;
            }

            void Pair(string label, string value, XFont? font = null)
            {
                g.DrawString(label, regular, XBrushes.Black, new XPoint(left, y));
                g.DrawString(value, font ?? bold, XBrushes.Black, new XPoint(right, y), XStringFormats.BaseLineRight);
                y += 16;
            }

            Line(s.Name, Font(12, bold: true), 16);
            Line($"ЄДРПОУ {s.Edrpou} · IBAN {s.Iban}", small, 12);
            Line($"{s.Address} · тел. {s.Phone}", small, 26);
            Line($"Рахунок за електроенергію за {Month(bill.Period)}", Font(15, bold: true), 22);
            Line($"Особовий рахунок {bill.AccountNumber} · {account.HolderName}", regular);
            Line(account.Address, regular);
            Line($"Виставлено {KyivTime.DateOf(bill.IssuedAt).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}", small, 24);

            Pair("Борг на початок періоду", Amount(bill.PreviousBalance), regular);
            Pair("Оплачено в періоді", Amount(bill.Payments), regular);
            Pair($"Нараховано за {Month(bill.Period)} ({Kwh(bill.Kwh)} кВт·год)", Amount(bill.Amount), regular);
            y += 6;

            g.DrawString("Нарахування", bold, XBrushes.Black, new XPoint(left, y));
            y += 16;
            foreach (var line in bill.Lines)
            {
                var what = (line.Kind == BillLineKind.Correction ? "Коригування обсягу" : "Електроенергія") + ZoneText(line.Zone);
                g.DrawString(what, regular, XBrushes.Black, new XPoint(left, y));
                g.DrawString($"{Kwh(line.Kwh)} кВт·год × {line.Price.UahPerKwh.ToString("0.######", Ukrainian)} грн", regular, XBrushes.Black,
                    new XPoint(left + 250, y));
                g.DrawString(Amount(line.Amount), regular, XBrushes.Black, new XPoint(right, y), XStringFormats.BaseLineRight);
                y += 15;
            }

            if (bill.Lines.Count == 0)
            {
                Line("Нарахувань за період немає.", regular);
            }

            y += 4;
            g.DrawLine(XPens.Gray, left, y, right, y);
            y += 22;
            g.DrawString("До сплати", Font(14, bold: true), XBrushes.Black, new XPoint(left, y));
            g.DrawString(Amount(bill.ToPay), Font(14, bold: true), XBrushes.Black, new XPoint(right, y), XStringFormats.BaseLineRight);
            y += 18;
            Line($"Сплатіть до {bill.DueDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}.", regular, 22);

            if (bill.Estimated)
            {
                Line("Обсяг розраховано орієнтовно: показань за період не надійшло.", bold);
                Line(EstimateText(bill), regular);
                Line("Коли надійдуть фактичні показання, наступний рахунок виправить обсяг.", regular, 22);
            }
            else if (bill.ReadingsThrough is { } through)
            {
                Line($"За фактичними показаннями лічильника до {through.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}.", regular, 22);
            }

            var transfer = TransferOf(bill);
            var link = NbuPaymentQr.Link(transfer);
            // Drawn as vector squares: sharp at any zoom and printer, with no image codec involved.
            var modules = NbuPaymentQr.Modules(link);
            var size = 130.0 / modules.Count;
            for (var row = 0; row < modules.Count; row++)
            {
                for (var column = 0; column < modules[row].Length; column++)
                {
                    if (modules[row][column])
                    {
                        g.DrawRectangle(XBrushes.Black, left + (column * size), y + (row * size), size + 0.05, size + 0.05);
                    }
                }
            }

            var textLeft = left + 145;
            var qrTop = y + 14;
            g.DrawString("Оплата за QR-кодом НБУ", bold, XBrushes.Black, new XPoint(textLeft, qrTop));
            g.DrawString("Відскануйте камерою телефону або в застосунку банку.", small, XBrushes.Black, new XPoint(textLeft, qrTop + 15));
            g.DrawString($"Отримувач: {s.Name}", small, XBrushes.Black, new XPoint(textLeft, qrTop + 30));
            g.DrawString($"IBAN {s.Iban} · ЄДРПОУ {s.Edrpou}", small, XBrushes.Black, new XPoint(textLeft, qrTop + 43));
            g.DrawString($"Призначення: {transfer.Purpose}", small, XBrushes.Black, new XPoint(textLeft, qrTop + 56));
            g.DrawString($"Сума: {Amount(bill.ToPay)}", small, XBrushes.Black, new XPoint(textLeft, qrTop + 69));
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static XFont Font(double size, bool bold) =>
        new(DejaVuFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    private static string Month(BillingPeriod period) => period.FirstDay.ToDateTimeUnspecified().ToString("MMMM yyyy", Ukrainian);

    private static string Amount(Money money) => money.ToString(null, Ukrainian);

    private static string Kwh(Kernel.Kwh kwh) => kwh.Value.ToString("#,0.###", Ukrainian);

    private static string ZoneText(MeterZone zone) => zone switch
    {
        MeterZone.Day => ", день",
        MeterZone.Night => ", ніч",
        MeterZone.Peak => ", пік",
        MeterZone.HalfPeak => ", напівпік",
        _ => "",
    };

    private static string EstimateText(Bill bill) => bill.EstimateMethod switch
    {
        EstimateMethod.AverageDaily => $"Як: за середньодобовим споживанням між двома останніми показаннями — {bill.AverageDailyKwh?.ToString("0.###", Ukrainian)} кВт·год на добу.",
        EstimateMethod.SameMonthLastYear => "Як: за споживанням того самого місяця минулого року.",
        _ => "Як: даних для оцінки немає, нараховано 0 кВт·год; постачальник зніме показання.",
    };
}

/// <summary>
/// PDFsharp on Linux finds no system fonts by itself: DejaVu Sans (Debian's fonts-dejavu-core, in the README's package
/// list) has every Cyrillic letter the bill needs.
/// </summary>
internal sealed class DejaVuFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Directory = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DejaVuFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Directory, faceName + ".ttf"));
}
