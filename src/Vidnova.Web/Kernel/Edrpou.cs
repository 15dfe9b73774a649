using System.Diagnostics.CodeAnalysis;

namespace Vidnova.Kernel;

/// <summary>The 8-digit code of a legal entity in the Unified State Register (ЄДРПОУ), last digit a check digit.</summary>
public readonly record struct Edrpou
{
    private static readonly int[] RegularWeights = [1, 2, 3, 4, 5, 6, 7];
    private static readonly int[] ThirtyToSixtyMillionWeights = [7, 1, 2, 3, 4, 5, 6];

    private Edrpou(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Edrpou? edrpou)
    {
        edrpou = null;
        var candidate = text?.Trim();
        if (candidate is null || candidate.Length != 8 || !candidate.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (ComputeCheckDigit(candidate[..7]) != candidate[7] - '0')
        {
            return false;
        }

        edrpou = new Edrpou(candidate);
        return true;
    }

    public static Edrpou Parse(string text) =>
        TryParse(text, out var code) ? code.Value : throw new FormatException($"'{text}' is not a valid EDRPOU code.");

    /// <summary>
    /// Weights 1–7 (7,1,2,3,4,5,6 for codes starting with 3, 4 or 5), sum mod 11; when that is 10, every weight
    /// is increased by 2 and the check digit is (sum mod 11) mod 10.
    /// </summary>
    public static int ComputeCheckDigit(string first7)
    {
        var weights = first7[0] is '3' or '4' or '5' ? ThirtyToSixtyMillionWeights : RegularWeights;
        var remainder = WeightedSum(first7, weights, 0) % 11;
        return remainder < 10 ? remainder : WeightedSum(first7, weights, 2) % 11 % 10;
    }

    private static int WeightedSum(string digits, int[] weights, int bump) =>
        digits.Select((c, i) => (c - '0') * (weights[i] + bump)).Sum();

    public override string ToString() => Value;
}
