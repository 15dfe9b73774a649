using System.Diagnostics.CodeAnalysis;

namespace Vidnova.Kernel;

/// <summary>A meter's serial number as printed on it: 1 to 32 letters, digits or dashes (manufacturers differ).</summary>
public readonly record struct MeterSerialNumber
{
    public const int MaxLength = 32;

    private MeterSerialNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out MeterSerialNumber? serial)
    {
        serial = null;
        var trimmed = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return false;
        }

        serial = new MeterSerialNumber(trimmed);
        return true;
    }

    public static MeterSerialNumber Parse(string text) =>
        TryParse(text, out var serial) ? serial.Value : throw new FormatException($"'{text}' is not a meter serial number.");

    public override string ToString() => Value;
}
