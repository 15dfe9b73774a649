using NodaTime;
using Vidnova.Kernel;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>The parser on plain text (as OCR or a copy-paste would give it): labels, layouts, spaces, formats.</summary>
public sealed class ReceiptFieldsTests
{
    private const string Iban = "UA213223130000026007233566001";
    private const string PayerIban = "UA903220010000026200123456789";

    [Theory]
    [InlineData("Сума: 1 234,56", 1234.56)]
    [InlineData("Сума 1234.56", 1234.56)]
    [InlineData("Сума платежу 1 234,56 грн", 1234.56)]
    [InlineData("Сума, грн 1234,56", 1234.56)]
    [InlineData("Сума: 1234,56 UAH", 1234.56)]
    [InlineData("Сума\u00A0платежу:\u00A01\u00A0234,56\u00A0грн", 1234.56)]
    [InlineData("Сума   1\u202F234,56 ₴", 1234.56)]
    [InlineData("Сума: -1 234,56 грн", 1234.56)]
    [InlineData("Сума: 1,234.56 UAH", 1234.56)]
    [InlineData("Сума: 1.234,56", 1234.56)]
    [InlineData("Сума: 12 345 678,90", 12345678.90)]
    [InlineData("Сума: 1234 грн", 1234)]
    [InlineData("Сума: 0,5", 0.5)]
    [InlineData("СУМА ПЛАТЕЖУ (ГРН): 1 234,56", 1234.56)]
    public void Amount_InTheFormatsBankAppsUse(string line, double expected)
    {
        Assert.Equal(Money.Uah((decimal)expected), ReceiptFields.Parse(line).Amount);
    }

    [Theory]
    [InlineData("Сума: 1234,567")]
    [InlineData("Сума: грн")]
    [InlineData("Сума з комісією: 1 244,56 грн")]
    [InlineData("Комісія: 10,00 грн")]
    [InlineData("Сума прописом: одна тисяча двісті тридцять чотири гривні 56 копійок")]
    public void Amount_NotAnAmountOrNotThePayment_IsNotRead(string line)
    {
        Assert.Null(ReceiptFields.Parse(line).Amount);
    }

    [Fact]
    public void Amount_ThePaymentNotTheTotalWithTheFee()
    {
        var fields = ReceiptFields.Parse("Сума з комісією: 1 244,56 грн\nКомісія: 10,00 грн\nСума платежу: 1 234,56 грн");

        Assert.Equal(Money.Uah(1234.56m), fields.Amount);
    }

    [Theory]
    [InlineData("Дата операції: 25.11.2026 14:35:12")]
    [InlineData("Дата платежу 25.11.2026")]
    [InlineData("Дата: 25/11/2026")]
    [InlineData("Дата та час операції: 25.11.2026, 14:35")]
    [InlineData("Дата і час\t25 листопада 2026, 14:35")]
    [InlineData("Дата: 2026-11-25")]
    public void Date_InTheFormatsBankAppsUse(string line)
    {
        Assert.Equal(new LocalDate(2026, 11, 25), ReceiptFields.Parse(line).PaymentDate);
    }

    [Fact]
    public void Date_TheOperationsNotTheReceiptsPrintDate()
    {
        var fields = ReceiptFields.Parse("Дата формування квитанції: 01.12.2026\nДата операції: 25.11.2026");

        Assert.Equal(new LocalDate(2026, 11, 25), fields.PaymentDate);
    }

    [Fact]
    public void Date_Impossible_IsNotRead()
    {
        Assert.Null(ReceiptFields.Parse("Дата операції: 31.11.2026").PaymentDate);
    }

    [Fact]
    public void LabelAndValueOnTheSameLine_WithColonsAndNbsp()
    {
        var fields = ReceiptFields.Parse(
            "Отримувач:\u00A0ПрАТ «ДТЕК Київські електромережі»\n"
            + "Код ЄДРПОУ:  41946011\n"
            + $"IBAN:\u00A0{Iban}\n"
            + "Сума:   1\u00A0234,56\u00A0грн\n"
            + "Призначення платежу: Оплата за заявою VN-2026-000001\n"
            + "Дата операції: 25.11.2026");

        Assert.Equal("ПрАТ «ДТЕК Київські електромережі»", fields.PayeeName);
        Assert.Equal("41946011", fields.PayeeCode?.Value);
        Assert.Equal(Iban, fields.PayeeIban?.Value);
        Assert.Equal(Money.Uah(1234.56m), fields.Amount);
        Assert.Equal("Оплата за заявою VN-2026-000001", fields.Purpose);
        Assert.Equal(new LocalDate(2026, 11, 25), fields.PaymentDate);
    }

    [Fact]
    public void LabelThenValueOnTheNextLine()
    {
        var fields = ReceiptFields.Parse(
            "Отримувач\nПрАТ «ДТЕК Київські електромережі»\n"
            + "ЄДРПОУ отримувача\n41946011\n"
            + "Рахунок отримувача\nUA21 3223 1300 0002 6007 2335 6600 1\n"
            + "Сума, грн\n1 234,56\n"
            + "Призначення\nОплата послуги з відновлення\nелектропостачання, заява VN-2026-000001\n"
            + "Дата\n25.11.2026 14:35");

        Assert.Equal("ПрАТ «ДТЕК Київські електромережі»", fields.PayeeName);
        Assert.Equal("41946011", fields.PayeeCode?.Value);
        Assert.Equal(Iban, fields.PayeeIban?.Value);
        Assert.Equal(Money.Uah(1234.56m), fields.Amount);
        Assert.Equal("Оплата послуги з відновлення електропостачання, заява VN-2026-000001", fields.Purpose);
        Assert.Equal(new LocalDate(2026, 11, 25), fields.PaymentDate);
    }

    [Fact]
    public void TwoColumns_LabelColumnAndValueColumn_PurposeWrapsInTheValueColumn()
    {
        var fields = ReceiptFields.Parse(
            "Отримувач                ПрАТ «ДТЕК Київські електромережі»\n"
            + "Код отримувача           41946011\n"
            + $"IBAN                     {Iban}\n"
            + "Сума, грн                1 234,56\n"
            + "Призначення платежу      Оплата послуги з відновлення електропостачання,\n"
            + "                         номер заяви VN-2026-000001\n"
            + "\n"
            + "Квитанція сформована автоматично");

        Assert.Equal(Iban, fields.PayeeIban?.Value);
        Assert.Equal("Оплата послуги з відновлення електропостачання, номер заяви VN-2026-000001", fields.Purpose);
    }

    [Fact]
    public void Purpose_StopsAtTheNextLabelOrAGap()
    {
        var fields = ReceiptFields.Parse(
            "Призначення платежу: Оплата за заявою\nVN-2026-000001\nСума 1 234,56 грн\n"
            + "Коментар: дякую");

        Assert.Equal("Оплата за заявою VN-2026-000001", fields.Purpose);
        Assert.Equal(Money.Uah(1234.56m), fields.Amount);
    }

    [Fact]
    public void ThePayersAccount_IsNotThePayees()
    {
        var fields = ReceiptFields.Parse(
            "Платник:\nНайменування: Шевченко Тарас\n" + $"Рахунок: {PayerIban}\n"
            + "Отримувач:\nНайменування: ПрАТ «ДТЕК Київські електромережі»\nКод ЄДРПОУ: 41946011\n" + $"Рахунок: {Iban}");

        Assert.Equal(Iban, fields.PayeeIban?.Value);
        Assert.Equal("ПрАТ «ДТЕК Київські електромережі»", fields.PayeeName);
        Assert.Equal("41946011", fields.PayeeCode?.Value);
    }

    [Fact]
    public void ExplicitPayerAccountLabel_IsSkipped_AndAnUnlabelledIbanIsTakenAsThePayees()
    {
        var fields = ReceiptFields.Parse($"Рахунок відправника: {PayerIban}\n\nОтримувач: ТОВ «Обленерго»\n{Iban}");

        Assert.Equal(Iban, fields.PayeeIban?.Value);
    }

    [Fact]
    public void TheDebitedAccount_IsNotThePayees()
    {
        var fields = ReceiptFields.Parse($"Рахунок списання: {PayerIban}\nРахунок зарахування: {Iban}\nДо сплати: 1 234,56 грн");

        Assert.Equal(Iban, fields.PayeeIban?.Value);
        Assert.Equal(Money.Uah(1234.56m), fields.Amount);
    }

    [Fact]
    public void InvalidIbanOrCode_IsNotRead()
    {
        var fields = ReceiptFields.Parse("IBAN: UA213223130000026007233566002\nКод ЄДРПОУ: 41946012");

        Assert.Null(fields.PayeeIban);
        Assert.Null(fields.PayeeCode);
    }

    [Fact]
    public void NothingRecognisable_IsNone()
    {
        Assert.True(ReceiptFields.Parse("Шановний споживачу! Передайте показання до 3 числа.").IsEmpty);
        Assert.True(ReceiptFields.Parse("").IsEmpty);
        Assert.True(ReceiptFields.Parse(ReceiptText.Empty).IsEmpty);
    }

    [Fact]
    public void Describe_ListsWhatWasReadAndWhatWasNot()
    {
        var description = ReceiptFields.Parse($"IBAN: {Iban}\nСума: 1234,56").Describe();

        Assert.Contains($"IBAN: {Iban}", description, StringComparison.Ordinal);
        Assert.Contains("сума: 1\u00A0234,56 грн", description, StringComparison.Ordinal);
        Assert.Contains("дата: не знайдено", description, StringComparison.Ordinal);
    }
}
