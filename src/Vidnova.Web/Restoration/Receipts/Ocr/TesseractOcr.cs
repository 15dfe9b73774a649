using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Options;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Restoration.Receipts.Ocr;

internal sealed class OcrOptions
{
    public const string Section = "Receipts:Ocr";

    /// <summary>Recognise photos and scans with Tesseract (Debian: <c>tesseract-ocr tesseract-ocr-ukr poppler-utils</c>).</summary>
    public bool Enabled { get; set; }

    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>Renders a scanned PDF's first page to an image for Tesseract (poppler-utils).</summary>
    public string PdftoppmPath { get; set; } = "pdftoppm";

    public string Languages { get; set; } = "ukr+eng";

    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Reads the text of a receipt image (JPEG, PNG, HEIC converted to JPEG) or of a scanned PDF's first page with
/// Tesseract, run as a process under the reader's limits (<see cref="DocumentReaderOptions"/>): tesseract, its image
/// libraries and pdftoppm parse the customer's file.
/// </summary>
internal sealed class TesseractOcr(IOptions<OcrOptions> options, HeicConverter heic, IOptions<DocumentReaderOptions> limits)
{
    public static bool CanRead(string contentType) => contentType is "image/jpeg" or "image/png" or "image/heic" or "application/pdf";

    public async Task<string> ReadAsync(string contentType, byte[] content, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var image = contentType switch
        {
            "application/pdf" => await RenderFirstPageAsync(content, timeout.Token),
            "image/heic" => await heic.ToJpegAsync(content, timeout.Token),
            _ => content,
        };

        // Page segmentation 4 (a column of text of varying sizes) suits receipts; kept spaces separate label and value.
        var result = await limits.Value.Limit(options.Value.TesseractPath,
                ["stdin", "stdout", "-l", options.Value.Languages, "--psm", "4", "-c", "preserve_interword_spaces=1"])
            .WithStandardInputPipe(PipeSource.FromBytes(image))
            .WithValidation(CommandResultValidation.ZeroExitCode)
            .ExecuteBufferedAsync(Encoding.UTF8, timeout.Token);
        return result.StandardOutput;
    }

    private async Task<byte[]> RenderFirstPageAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("vidnova-ocr-");
        try
        {
            var input = Path.Combine(folder.FullName, "receipt.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            await limits.Value.Limit(options.Value.PdftoppmPath,
                    ["-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(folder.FullName, "page")])
                .WithValidation(CommandResultValidation.ZeroExitCode)
                .ExecuteBufferedAsync(cancellationToken);
            return await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "page.png"), cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
