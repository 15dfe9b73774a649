namespace Vidnova.Restoration.Receipts;

/// <summary>
/// The text of a receipt in reading order: lines from top to bottom, each split into cells where the gap between
/// words is wide (a label column and a value column, or two side-by-side fields). Positions are top-down: in points
/// for a PDF, in characters and line numbers for plain text, so a value below its label can be found by overlap.
/// </summary>
internal sealed record ReceiptText(IReadOnlyList<ReceiptLine> Lines)
{
    public static ReceiptText Empty { get; } = new([]);

    public bool IsEmpty => Lines.Count == 0;

    /// <summary>
    /// Reads plain text (an OCR result, or a test's): one line per line, cells separated by a tab or by three or
    /// more spaces; a blank line is a gap (it ends a value that wraps over several lines).
    /// </summary>
    public static ReceiptText FromPlainText(string text)
    {
        var lines = new List<ReceiptLine>();
        var row = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var cells = new List<ReceiptCell>();
            foreach (var (start, part) in SplitCells(raw.Replace("\t", "    ", StringComparison.Ordinal)))
            {
                var cellText = ReceiptTextNormalizer.CollapseSpaces(part);
                if (cellText.Length > 0)
                {
                    cells.Add(new ReceiptCell(cellText, start, start + part.Length));
                }
            }

            if (cells.Count > 0)
            {
                lines.Add(new ReceiptLine(cells, 0, row, row + 0.8));
            }

            row++;
        }

        return new ReceiptText(lines);
    }

    /// <summary>The text with cells separated by a tab, one line per line (for the timeline and for debugging).</summary>
    public override string ToString() => string.Join("\n", Lines.Select(l => l.Text));

    private static IEnumerable<(int Start, string Text)> SplitCells(string line)
    {
        var start = 0;
        var i = 0;
        while (i < line.Length)
        {
            if (i + 2 < line.Length && IsSpace(line[i]) && IsSpace(line[i + 1]) && IsSpace(line[i + 2]))
            {
                yield return (start, line[start..i]);
                while (i < line.Length && IsSpace(line[i]))
                {
                    i++;
                }

                start = i;
                continue;
            }

            i++;
        }

        if (start < line.Length)
        {
            yield return (start, line[start..]);
        }
    }

    private static bool IsSpace(char c) => c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2007';
}

/// <summary>What the reader process found in a PDF receipt: its text layer, or null when PdfPig could not open it.</summary>
internal sealed record PdfTextReading(ReceiptText? Text);

/// <summary>One visual line: its cells left to right, the page it is on and its vertical extent (top-down).</summary>
internal sealed record ReceiptLine(IReadOnlyList<ReceiptCell> Cells, int Page, double Top, double Bottom)
{
    public double Height => Bottom - Top;

    public string Text => string.Join("\t", Cells.Select(c => c.Text));
}

/// <summary>A run of words with no wide gap inside, and its horizontal extent.</summary>
internal sealed record ReceiptCell(string Text, double Left, double Right);
