using System.Buffers.Binary;
using System.IO.Compression;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>Draws a one-page PDF the way a bank app renders a receipt: text at baselines, in DejaVu Sans, embedded.</summary>
internal sealed class ReceiptPdf(double width = 595, double height = 842)
{
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(110, 110, 110));
    private readonly List<Action<XGraphics>> _drawing = [];

    /// <summary>Left-aligned text whose baseline is at <paramref name="y"/> (from the top).</summary>
    public ReceiptPdf Text(double x, double y, string text, double size = 10, bool bold = false, bool grey = false)
    {
        _drawing.Add(g => g.DrawString(text, Font(size, bold), grey ? Grey : XBrushes.Black, x, y, XStringFormats.BaseLineLeft));
        return this;
    }

    /// <summary>Right-aligned text ending at <paramref name="right"/>.</summary>
    public ReceiptPdf RightText(double right, double y, string text, double size = 10, bool bold = false)
    {
        _drawing.Add(g => g.DrawString(text, Font(size, bold), XBrushes.Black, right, y, XStringFormats.BaseLineRight));
        return this;
    }

    /// <summary>Lines of <paramref name="lines"/> one under another, <paramref name="leading"/> apart; returns the last baseline.</summary>
    public double Lines(double x, double y, IEnumerable<string> lines, double size = 10, double leading = 13)
    {
        var baseline = y - leading;
        foreach (var line in lines)
        {
            baseline += leading;
            Text(x, baseline, line, size);
        }

        return baseline;
    }

    public ReceiptPdf Rule(double x1, double x2, double y)
    {
        _drawing.Add(g => g.DrawLine(new XPen(XColors.LightGray, 0.5), x1, y, x2, y));
        return this;
    }

    public byte[] Build()
    {
        DejaVuFontResolver.Install();
        using var document = new PdfDocument();
        document.Info.Creator = "Vidnova receipt corpus";
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(width);
        page.Height = XUnit.FromPoint(height);
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            foreach (var draw in _drawing)
            {
                draw(graphics);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>A receipt photographed or scanned to PDF: one image, no text layer at all.</summary>
    public static byte[] ImageOnly()
    {
        DejaVuFontResolver.Install();
        using var document = new PdfDocument();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(360);
        page.Height = XUnit.FromPoint(640);
        using (var graphics = XGraphics.FromPdfPage(page))
        using (var image = XImage.FromStream(new MemoryStream(ScanLikePng(180, 320))))
        {
            graphics.DrawImage(image, 0, 0, 360, 640);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>A scanned receipt: the page image <paramref name="png"/> as the only content, no text layer.</summary>
    public static byte[] Scanned(byte[] png)
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var image = XImage.FromStream(new MemoryStream(png)))
        {
            page.Width = XUnit.FromPoint(image.PointWidth);
            page.Height = XUnit.FromPoint(image.PointHeight);
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawImage(image, 0, 0, image.PointWidth, image.PointHeight);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>A photo of <paramref name="pdf"/>'s first page: rendered to PNG by poppler's <c>pdftoppm</c>, the way a phone screenshot looks.</summary>
    public static byte[] Photograph(byte[] pdf, int dpi = 150) =>
        Convert(pdf, "receipt.pdf", "page.png", "pdftoppm", "poppler-utils",
            (input, output) => ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", "-singlefile", input, Path.ChangeExtension(output, null)]);

    /// <summary>The photo <paramref name="png"/> as an iPhone saves it: HEIC, encoded by libheif's <c>heif-enc</c>.</summary>
    public static byte[] Heic(byte[] png) =>
        Convert(png, "photo.png", "photo.heic", "heif-enc", "libheif-examples", (input, output) => ["-q", "80", "-o", output, input]);

    private static byte[] Convert(byte[] content, string inputName, string outputName, string tool, string debianPackage, Func<string, string, string[]> arguments)
    {
        var folder = Directory.CreateTempSubdirectory("vidnova-photo-");
        try
        {
            var input = Path.Combine(folder.FullName, inputName);
            var output = Path.Combine(folder.FullName, outputName);
            File.WriteAllBytes(input, content);
            var start = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardError = true };
            foreach (var argument in arguments(input, output))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(start)
                ?? throw new InvalidOperationException($"{tool} is not installed: apt-get install {debianPackage} (.ci/run does this).");
            process.WaitForExit(TimeSpan.FromSeconds(60));
            return File.ReadAllBytes(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Word-wraps <paramref name="text"/> at <paramref name="width"/> characters, the way an app wraps a long purpose.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : current + " " + word;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    private static XFont Font(double size, bool bold) =>
        new(DejaVuFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>A greyscale PNG of a white sheet with dark bars where the lines of text would be.</summary>
    private static byte[] ScanLikePng(int width, int height)
    {
        var raw = new byte[(width + 1) * height];
        for (var y = 0; y < height; y++)
        {
            raw[y * (width + 1)] = 0;
            for (var x = 0; x < width; x++)
            {
                var inText = y % 16 is >= 6 and <= 10 && x > 12 && x < width - 12 - (y * 7 % 60);
                raw[(y * (width + 1)) + 1 + x] = (byte)(inText ? 40 + (x * y % 30) : 235 + (x % 7));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 0;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        png.Write(buffer);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32(typed));
        png.Write(buffer);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
