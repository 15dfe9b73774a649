using System.Buffers.Text;
using System.Text;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Restoration;

namespace Vidnova.Tests.Restoration;

public sealed class PaymentQrTests
{
    private static readonly Iban DsoIban = Iban.Create("300528", "0000026000301234567");

    // 25 November 2026 09:30 UTC = 11:30 in Kyiv (UTC+2 in winter).
    private static readonly Instant IssuedAt = Instant.FromUtc(2026, 11, 25, 9, 30, 5);

    private static Invoice InvoiceOf(decimal amount, string recipient = "ПрАТ «ДТЕК Київські електромережі»",
        string purpose = "Оплата послуги з відновлення електропостачання, заява VN-2026-000001, о/р 1000000001") =>
        new(Money.Uah(amount), recipient, Edrpou.Parse("41946011"), DsoIban, purpose, IssuedAt);

    [Fact]
    public void Payload_HasTheSeventeenLinesOfFormat003_InOrder()
    {
        var lines = PaymentQr.Payload(InvoiceOf(1_234.56m)).Split('\n');

        Assert.Equal(17, lines.Length);
        Assert.Equal(
            [
                "BCD", "003", "1", "UCT", "",
                "ПрАТ «ДТЕК Київські електромережі»",
                DsoIban.Value,
                "UAH1234.56",
                "41946011",
                "", "",
                "Оплата послуги з відновлення електропостачання, заява VN-2026-000001, о/р 1000000001",
                "", "", "",
                "261125113005",
                "",
            ],
            lines);
    }

    [Fact]
    public void Payload_SeparatesLinesWithLfOnly()
    {
        var payload = PaymentQr.Payload(InvoiceOf(987m));

        Assert.DoesNotContain('\r', payload);
        Assert.Equal(PaymentQr.LineCount - 1, payload.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("1234.56", "UAH1234.56")]
    [InlineData("987", "UAH987.00")]
    [InlineData("987.5", "UAH987.50")]
    [InlineData("0.01", "UAH0.01")]
    [InlineData("12345678.90", "UAH12345678.90")]
    public void Amount_IsUahWithExactlyTwoDecimals_PointSeparated_NoGrouping(string amount, string expected)
    {
        var lines = PaymentQr.Payload(InvoiceOf(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))).Split('\n');

        Assert.Equal(expected, lines[7]);
    }

    [Fact]
    public void Amount_DoesNotDependOnTheCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("uk-UA");
            Assert.Equal("UAH1234.56", PaymentQr.Payload(InvoiceOf(1_234.56m)).Split('\n')[7]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void LineBreaksInsideValues_CannotAddLines()
    {
        var lines = PaymentQr.Payload(InvoiceOf(10m, recipient: "ОСР\nз переносом", purpose: "Оплата\r\nпослуги\tвідновлення")).Split('\n');

        Assert.Equal(17, lines.Length);
        Assert.Equal("ОСР з переносом", lines[5]);
        Assert.Equal("Оплата послуги відновлення", lines[11]);
    }

    [Fact]
    public void LongRecipient_IsCutTo140Characters()
    {
        var lines = PaymentQr.Payload(InvoiceOf(10m, recipient: new string('Ж', 200))).Split('\n');

        Assert.Equal(140, lines[5].Length);
    }

    [Fact]
    public void Link_IsPrefixPlusBase64UrlOfTheUtf8Payload_WithoutPadding()
    {
        var invoice = InvoiceOf(1_234.56m);

        var link = PaymentQr.Link(invoice);

        Assert.StartsWith("https://bank.gov.ua/qr/", link, StringComparison.Ordinal);
        var encoded = link["https://bank.gov.ua/qr/".Length..];
        Assert.DoesNotContain('=', encoded);
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.Matches("^[A-Za-z0-9_-]+$", encoded);
        Assert.Equal(PaymentQr.Payload(invoice), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded)));
    }

    [Fact]
    public void Link_StartsWithTheEncodedServiceMark()
    {
        // "BCD\n003\n" in base64url.
        Assert.StartsWith("https://bank.gov.ua/qr/QkNECjAwMwox", PaymentQr.Link(InvoiceOf(1m)), StringComparison.Ordinal);
    }
}
