using System.Diagnostics.CodeAnalysis;

namespace Vidnova.Kernel;

/// <summary>
/// Energy Identification Code of a metering point (ENTSO-E EIC reference manual): 16 characters of
/// <c>0-9A-Z-</c>, the last a check character over the first 15. Ukrainian metering points start with <c>62Z</c>.
/// </summary>
public readonly record struct Eic
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    private Eic(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Eic? eic)
    {
        eic = null;
        if (text is null)
        {
            return false;
        }

        var candidate = text.Trim().ToUpperInvariant();
        if (candidate.Length != 16 || candidate.Any(c => Alphabet.IndexOf(c, StringComparison.Ordinal) < 0))
        {
            return false;
        }

        var check = ComputeCheckCharacter(candidate[..15]);
        if (check is null || check != candidate[15])
        {
            return false;
        }

        eic = new Eic(candidate);
        return true;
    }

    public static Eic Parse(string text) =>
        TryParse(text, out var eic) ? eic.Value : throw new FormatException($"'{text}' is not a valid EIC.");

    /// <summary>
    /// Weights 16…2 over the first 15 characters valued 0–36; check = alphabet[36 − ((sum − 1) mod 37)].
    /// A result of <c>-</c> means no valid code can end those 15 characters.
    /// </summary>
    public static char? ComputeCheckCharacter(string first15)
    {
        if (first15.Length != 15)
        {
            throw new ArgumentException("An EIC check character is computed over exactly 15 characters.", nameof(first15));
        }

        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(first15[i]), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            sum += value * (16 - i);
        }

        var check = Alphabet[36 - ((sum - 1) % 37)];
        return check == '-' ? null : check;
    }

    public override string ToString() => Value;
}
