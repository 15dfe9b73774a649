using System.Diagnostics.CodeAnalysis;

namespace Vidnova.Kernel;

/// <summary>The supplier's short code for a distribution system operator, e.g. <c>kyiv-city</c>.</summary>
public readonly record struct DsoCode
{
    private DsoCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out DsoCode? code)
    {
        code = null;
        var candidate = text?.Trim().ToLowerInvariant();
        if (candidate is null || candidate.Length is < 2 or > 32
            || !candidate.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return false;
        }

        code = new DsoCode(candidate);
        return true;
    }

    public static DsoCode Parse(string text) =>
        TryParse(text, out var code) ? code.Value : throw new FormatException($"'{text}' is not a DSO code.");

    public override string ToString() => Value;
}
