using PdfSharp.Fonts;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>
/// PDFsharp 6 has no fonts of its own on Linux: this resolver embeds DejaVu Sans (it has Cyrillic and ₴) from
/// Debian's <c>fonts-dejavu-core</c>, which <c>.ci/run</c> installs. <see cref="Install"/> also selects PDFsharp's
/// licence, which 6.5 requires before any use: the AGPL one (PDFsharp only generates test fixtures, nothing ships).
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Directory = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            // The host's bill document installs its own DejaVu resolver; either serves the same fonts, and PDFsharp keeps the first.
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(Directory, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"{path} is missing: apt-get install -y fonts-dejavu-core", path);
    }
}
