using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Options;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Restoration.Receipts;

internal sealed class HeicOptions
{
    public const string Section = "Receipts:Heic";

    /// <summary>libheif's converter (Debian: <c>libheif-examples</c>).</summary>
    public string ConverterPath { get; set; } = "heif-convert";

    public int Quality { get; set; } = 90;

    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Turns an iPhone's HEIC photo into a JPEG, which browsers show and Tesseract reads. The original stays stored as the
/// customer sent it (the evidence); the JPEG is made when it is needed and not kept. libheif parses the customer's
/// file, so it runs under the reader's limits (<see cref="DocumentReaderOptions"/>).
/// </summary>
internal sealed class HeicConverter(IOptions<HeicOptions> options, IOptions<DocumentReaderOptions> limits)
{
    public async Task<byte[]> ToJpegAsync(byte[] heic, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var folder = Directory.CreateTempSubdirectory("vidnova-heic-");
        try
        {
            var input = Path.Combine(folder.FullName, "photo.heic");
            await File.WriteAllBytesAsync(input, heic, timeout.Token);
            await limits.Value.Limit(options.Value.ConverterPath,
                    ["-q", options.Value.Quality.ToString(System.Globalization.CultureInfo.InvariantCulture), input, Path.Combine(folder.FullName, "photo.jpg")])
                .WithValidation(CommandResultValidation.ZeroExitCode)
                .ExecuteBufferedAsync(timeout.Token);
            // A file holding several images (a burst) is written as photo-1.jpg, photo-2.jpg…; the first is the photo.
            var written = folder.GetFiles("photo*.jpg").OrderBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException("heif-convert wrote no image.");
            return await File.ReadAllBytesAsync(written.FullName, timeout.Token);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
