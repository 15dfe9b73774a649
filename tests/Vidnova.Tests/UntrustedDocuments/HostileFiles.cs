using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Vidnova.Tests.InboundMail;
using Vidnova.Tests.Restoration.Receipts;

namespace Vidnova.Tests.UntrustedDocuments;

/// <summary>
/// Files written to hurt a parser, generated here so that what each one does is plain: objects that refer to
/// themselves, nesting and reference chains deeper than any stack, streams that inflate a thousandfold, files cut off.
/// </summary>
internal static class HostileFiles
{
    public const long Gigabyte = 1L << 30;

    private static readonly Lazy<byte[]> LazyFlateBomb = new(() => FlateBombPdf(Gigabyte));
    private static readonly Lazy<byte[]> LazyPngBomb = new(() => PngBomb(30_000, 30_000));

    /// <summary>A page whose <c>/Resources</c> is object 4, whose value is «4 0 R»: itself. PdfPig follows it until the stack overflows.</summary>
    public static byte[] SelfReferencingPdf() => Pdf(
        Page("4 0 R"),
        "4 0 R",
        Stream("BT /F1 12 Tf 72 712 Td (VN-2026-000001) Tj ET"));

    /// <summary>Resources holding an array nested <paramref name="depth"/> deep.</summary>
    public static byte[] DeeplyNestedPdf(int depth = 200_000) => Pdf(
        Page("4 0 R"),
        "<< /Font << /F1 " + new string('[', depth) + new string(']', depth) + " >> >>",
        Stream("BT /F1 12 Tf 72 712 Td (VN) Tj ET"));

    /// <summary>Resources reached through a chain of <paramref name="length"/> references, each object pointing to the next.</summary>
    public static byte[] ReferenceChainPdf(int length = 30_000)
    {
        var chain = Enumerable.Range(0, length).Select(i => $"{i + 6} 0 R").ToList();
        chain[^1] = "<< >>";
        return Pdf([Page("4 0 R"), "6 0 R", Stream("BT /F1 12 Tf 72 712 Td (VN) Tj ET"), .. chain]);
    }

    /// <summary>About a megabyte whose page content inflates (FlateDecode) to a gigabyte of zeros.</summary>
    public static byte[] FlateBomb() => LazyFlateBomb.Value;

    /// <summary>The first half of a genuine bank receipt.</summary>
    public static byte[] TruncatedPdf()
    {
        var whole = Replies.BankReceipt("VN-2026-000001");
        return whole[..(whole.Length / 2)];
    }

    public static byte[] TruncatedJpeg()
    {
        var whole = ReceiptPdf.Photograph(Replies.BankReceipt("VN-2026-000001"), dpi: 72);
        return whole[..(whole.Length / 3)];
    }

    /// <summary>A valid PNG of 30 000 × 30 000 grey pixels (900 MB decoded) in about a megabyte: a decompression bomb.</summary>
    public static byte[] PngBombFile() => LazyPngBomb.Value;

    /// <summary>A PNG header claiming 2³¹−1 × 2³¹−1 pixels, and nothing after it.</summary>
    public static byte[] AbsurdPng()
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", Ihdr(int.MaxValue, int.MaxValue));
        return png.ToArray();
    }

    public static byte[] TruncatedHeic()
    {
        var whole = ReceiptPdf.Heic(ReceiptPdf.Photograph(Replies.BankReceipt("VN-2026-000001"), dpi: 72));
        return whole[..(whole.Length / 2)];
    }

    private static string Page(string resources) =>
        $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents 5 0 R >>";

    private static string Stream(string content) => $"<< /Length {content.Length} >>\nstream\n{content}\nendstream";

    /// <summary>A PDF of a catalog (1), a page tree (2) and the given objects from 3 on, with a correct cross-reference table.</summary>
    private static byte[] Pdf(params string[] objects) =>
        Pdf(objects.Select(o => (Func<Stream, long>)(output =>
        {
            output.Write(Encoding.Latin1.GetBytes(o));
            return 0;
        })).ToArray());

    private static byte[] Pdf(Func<Stream, long>[] objects)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.4\n");
        Func<Stream, long>[] all =
        [
            o => { o.Write("<< /Type /Catalog /Pages 2 0 R >>"u8); return 0; },
            o => { o.Write("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"u8); return 0; },
            .. objects,
        ];
        for (var i = 0; i < all.Length; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n");
            all[i](pdf);
            Write("\nendobj\n");
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {all.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append($"{offset:D10} 00000 n \n");
        }

        Write(table.ToString());
        Write($"trailer\n<< /Size {all.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] FlateBombPdf(long inflated)
    {
        var compressed = Deflate(inflated);
        return Pdf(
        [
            o => { o.Write(Encoding.Latin1.GetBytes(Page("<< >>"))); return 0; },
            o => { o.Write(Encoding.Latin1.GetBytes("<< >>")); return 0; },
            o =>
            {
                o.Write(Encoding.Latin1.GetBytes($"<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n"));
                o.Write(compressed);
                o.Write("\nendstream"u8);
                return 0;
            },
        ]);
    }

    /// <summary><paramref name="length"/> zero bytes compressed (zlib, as FlateDecode and PNG want), written a megabyte or a row at a time, never held whole.</summary>
    private static byte[] Deflate(long length, int rowLength = 0)
    {
        using var output = new MemoryStream();
        using (var deflate = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[rowLength > 0 ? rowLength : 1 << 20];
            for (long written = 0; written < length; written += zeros.Length)
            {
                deflate.Write(zeros, 0, (int)Math.Min(zeros.Length, length - written));
            }
        }

        return output.ToArray();
    }

    private static byte[] PngBomb(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", Ihdr(width, height));
        // Each row is its filter byte (0) and the pixels (0): all zeros, so the whole image compresses as one run.
        Chunk(png, "IDAT", Deflate((long)(width + 1) * height, rowLength: width + 1));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>8-bit greyscale, no interlace.</summary>
    private static byte[] Ihdr(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        return ihdr;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, as in zlib).</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
