using CliWrap.Exceptions;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using Vidnova.Restoration;
using Vidnova.Restoration.Receipts;
using Vidnova.Tests.InboundMail;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>Debian's libheif turning iPhone photos into JPEGs that browsers and Tesseract read.</summary>
public sealed class HeicConverterTests
{
    private static readonly HeicConverter Converter = new(Options.Create(new HeicOptions()), Options.Create(new DocumentReaderOptions()));

    [Fact]
    public async Task AHeicPhoto_BecomesAJpegOfTheSameSize()
    {
        var png = ReceiptPdf.Photograph(BankReceipts.Render(BankLayout.PrivatBank, ReceiptCorpus.Exact), dpi: 72);
        var heic = ReceiptPdf.Heic(png);

        var jpeg = await Converter.ToJpegAsync(heic, CancellationToken.None);

        Assert.Equal("image/jpeg", ReceiptFormat.DetectContentType(jpeg));
        using var original = XImage.FromStream(new MemoryStream(png));
        using var converted = XImage.FromStream(new MemoryStream(jpeg));
        Assert.Equal((original.PixelWidth, original.PixelHeight), (converted.PixelWidth, converted.PixelHeight));
    }

    [Fact]
    public async Task AFileThatOnlyLooksLikeHeic_IsRefusedByTheConverter() =>
        await Assert.ThrowsAsync<CommandExecutionException>(() => Converter.ToJpegAsync(Replies.Heic(), CancellationToken.None));
}
