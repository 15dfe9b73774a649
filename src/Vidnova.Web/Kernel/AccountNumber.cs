using System.Diagnostics.CodeAnalysis;

namespace Vidnova.Kernel;

/// <summary>The supplier's personal account number (особовий рахунок): 6 to 16 digits.</summary>
public readonly record struct AccountNumber
{
    private AccountNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>Accepts the number as customers type it, with spaces or dashes between digit groups.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AccountNumber? accountNumber)
    {
        accountNumber = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var digits = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is < 6 or > 16 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        accountNumber = new AccountNumber(digits);
        return true;
    }

    public static AccountNumber Parse(string text) =>
        TryParse(text, out var number) ? number.Value : throw new FormatException($"'{text}' is not a personal account number (6 to 16 digits).");

    public override string ToString() => Value;
}
