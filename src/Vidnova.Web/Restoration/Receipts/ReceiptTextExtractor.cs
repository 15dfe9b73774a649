using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Vidnova.Restoration.Receipts;

/// <summary>
/// Reads the text layer of a PDF receipt with PdfPig, in reading order. A bank app's receipt is generated with text;
/// a photo or a scan saved as PDF has none. Whatever the customer sent, this never throws: an unreadable PDF gives
/// <c>null</c>, a PDF without text gives <see cref="ReceiptText.Empty"/>. It runs only in the reader process
/// (<see cref="UntrustedDocuments.UntrustedDocumentReader"/>): a hostile PDF can still overflow PdfPig's stack or
/// exhaust memory, and that must end the reader, not the host.
/// </summary>
internal static class ReceiptTextExtractor
{
    // An out-of-memory (a decompression bomb against the reader's heap limit) ends the reader, so that the host
    // counts it as a file it could not read rather than as a damaged PDF.
    /// <summary>A receipt is one page; a few more are read in case the bank adds a cover or terms.</summary>
    public const int MaxPages = 5;

    private const int MaxWords = 20_000;

    public static ReceiptText? Extract(ReadOnlyMemory<byte> pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var lines = new List<ReceiptLine>();
            var words = 0;
            for (var number = 1; number <= Math.Min(document.NumberOfPages, MaxPages); number++)
            {
                var page = document.GetPage(number);
                var pageWords = page.GetWords()
                    .Where(w => w.TextOrientation == TextOrientation.Horizontal && !string.IsNullOrWhiteSpace(w.Text))
                    .Take(MaxWords - words)
                    .ToList();
                words += pageWords.Count;
                lines.AddRange(Lines(pageWords, number - 1, page.Height));
                if (words >= MaxWords)
                {
                    break;
                }
            }

            return new ReceiptText(lines);
        }
#pragma warning disable CA1031 // A customer's broken, encrypted or hostile PDF must not fail the upload: the operator will look at it.
        catch (Exception exception) when (exception is not (OutOfMemoryException or InsufficientExecutionStackException))
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Groups words whose baselines are within a third of their size into lines, top to bottom.</summary>
    private static IEnumerable<ReceiptLine> Lines(List<Word> words, int page, double pageHeight)
    {
        var rows = new List<List<Word>>();
        foreach (var word in words.OrderByDescending(Baseline).ThenBy(w => w.BoundingBox.Left))
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            if (row is not null && Math.Abs(Baseline(row[0]) - Baseline(word)) <= Size(word) / 3)
            {
                row.Add(word);
            }
            else
            {
                rows.Add([word]);
            }
        }

        foreach (var row in rows)
        {
            // The line's box is its font's, not its glyphs': ascent 0.8 and descent 0.2 of the size around the baseline,
            // so that the gap between two lines is the leading minus the size whatever letters they hold.
            var cells = Cells(row.OrderBy(w => w.BoundingBox.Left).ToList());
            var baseline = pageHeight - row.Average(Baseline);
            var size = row.Max(Size);
            yield return new ReceiptLine(cells, page, baseline - size * 0.8, baseline + size * 0.2);
        }
    }

    /// <summary>Splits a line where the gap between two words is wider than about one letter height (a column).</summary>
    private static List<ReceiptCell> Cells(List<Word> row)
    {
        var cells = new List<ReceiptCell>();
        var current = new List<Word> { row[0] };
        for (var i = 1; i < row.Count; i++)
        {
            var gap = row[i].BoundingBox.Left - current[^1].BoundingBox.Right;
            if (gap > Math.Max(Size(row[i]), Size(current[^1])) * 1.1)
            {
                cells.Add(Cell(current));
                current = [];
            }

            current.Add(row[i]);
        }

        cells.Add(Cell(current));
        return cells;
    }

    private static ReceiptCell Cell(List<Word> words) =>
        new(ReceiptTextNormalizer.CollapseSpaces(string.Join(" ", words.Select(w => w.Text))),
            words[0].BoundingBox.Left, words[^1].BoundingBox.Right);

    private static double Baseline(Word word) => word.Letters.Count > 0 ? word.Letters[0].StartBaseLine.Y : word.BoundingBox.Bottom;

    /// <summary>The font size in points, or the word's height where the PDF scales text by its matrix.</summary>
    private static double Size(Word word)
    {
        var pointSize = word.Letters.Count > 0 ? word.Letters.Max(l => l.PointSize) : 0;
        return pointSize > 1 ? pointSize : Math.Max(word.BoundingBox.Height, 1);
    }
}
