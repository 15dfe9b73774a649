using Vidnova.Kernel;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>
/// Issue 16, item 8: the ways Ukrainian bank apps print an amount with no label — the sign before or after, «грн»,
/// «UAH», thin and non-breaking spaces, a minus for the debit — are read; a bare number or a label's line is not.
/// </summary>
public sealed class UnlabelledAmountTests
{
    [Theory]
    [InlineData("₴373,20", 373.20)]
    [InlineData("₴ 373,20", 373.20)]
    [InlineData("-₴373,20", 373.20)]
    [InlineData("−373,20 ₴", 373.20)]
    [InlineData("373,20 ₴", 373.20)]
    [InlineData("1\u202F234,56 ₴", 1234.56)]
    [InlineData("1\u00A0234,56 грн", 1234.56)]
    [InlineData("–1 234,56 грн.", 1234.56)]
    [InlineData("1 234.56 UAH", 1234.56)]
    [InlineData("UAH 1,234.56", 1234.56)]
    [InlineData("+373 грн", 373.00)]
    public void AmountAloneWithItsCurrency_IsRead(string printed, double expected)
    {
        var fields = ReceiptFields.Parse(Text("neo", printed, "Отримувач", "ПрАТ «ДТЕК Київські електромережі»"));

        Assert.Equal(Money.Uah((decimal)expected), fields.Amount);
    }

    [Theory]
    [InlineData("373,20")]
    [InlineData("№ 373,20 ₴ 12")]
    [InlineData("Кешбек 3,73 ₴")]
    public void NumberWithoutCurrency_OrInsideOtherText_IsNotTakenForTheAmount(string printed)
    {
        var fields = ReceiptFields.Parse(Text("neo", printed));

        Assert.Null(fields.Amount);
    }

    [Fact]
    public void LabelledAmount_WinsOverAFigureAbove()
    {
        var fields = ReceiptFields.Parse(Text("₴999,00", "Сума: 373,20 грн"));

        Assert.Equal(Money.Uah(373.20m), fields.Amount);
    }

    private static ReceiptText Text(params string[] lines) => ReceiptText.FromPlainText(string.Join("\n", lines));
}
