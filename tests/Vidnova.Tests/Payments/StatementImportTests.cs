using System.Text;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Payments.Statements;
using Vidnova.Problems;

namespace Vidnova.Tests.Payments;

/// <summary>Reading a bank's statement file through the configured mapping, and the rules every statement line meets.</summary>
public sealed class StatementImportTests
{
    private static readonly LocalDate Today = new(2026, 11, 25);

    [Fact]
    public void Csv_WithTheDefaultMapping_ReadsEveryRowAsText()
    {
        var csv = "lineId,amount,valueDate,payerName,payerIban,purpose\n"
            + "A1,373.20,2026-11-25,Шевченко Тарас,UA213223130000026007233566001,\"Заява VN-2026-000001, відновлення\"\n"
            + "\n"
            + "A2,\"1 373,20\",25.11.2026,Коваленко Олена,,Заява VN-2026-000002\n";

        var file = StatementCsv.Read(Encoding.UTF8.GetBytes(csv), StatementEncoding.Utf8, new StatementCsvOptions());
        var lines = file.Lines;

        Assert.Equal(2, lines.Count);
        Assert.Equal(new long[] { 2, 4 }, file.FileLines);
        Assert.Equal(new StatementLineDraft("A1", "373.20", "2026-11-25", "Шевченко Тарас", "UA213223130000026007233566001", "Заява VN-2026-000001, відновлення"), lines[0]);
        Assert.Equal("1 373,20", lines[1].Amount);
        Assert.Equal("", lines[1].PayerIban);
    }

    [Fact]
    public void Csv_InWindows1251_WithABanksHeaders_IsReadThroughTheMapping()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var options = new StatementCsvOptions
        {
            Delimiter = ';',
            Columns = new() { LineId = "Номер документа", Amount = "Сума", ValueDate = "Дата", PayerName = "Платник", PayerIban = "Рахунок", Purpose = "Призначення" },
        };
        var csv = "Дата;Номер документа;Платник;Сума;Призначення\r\n25.11.2026;4412;Мельник Ірина;1234,56;Відновлення, заява ВН-2026-000007\r\n";

        var line = Assert.Single(StatementCsv.Read(Encoding.GetEncoding(1251).GetBytes(csv), StatementEncoding.Windows1251, options).Lines);

        Assert.Equal(new StatementLineDraft("4412", "1234,56", "25.11.2026", "Мельник Ірина", null, "Відновлення, заява ВН-2026-000007"), line);
    }

    [Fact]
    public void Csv_InTheWrongEncoding_IsRefused_NotReadAsGarbage()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1251).GetBytes("lineId,amount,valueDate,payerName,purpose\nA1,1,2026-11-25,Шевченко,Заява\n");

        var refusal = Assert.Throws<InputValidationException>(() => StatementCsv.Read(bytes, StatementEncoding.Utf8, new StatementCsvOptions()));

        Assert.Equal("file", Assert.Single(refusal.Errors).Field);
    }

    [Theory]
    [InlineData("lineId,amount\nA1,1\n", "У файлі немає стовпців")]
    [InlineData("", "порожній")]
    [InlineData("lineId,amount,valueDate,payerName,purpose\nA1,1,2026-11-25,\"Шевченко,Заява\n", "не є коректним CSV")]
    public void Csv_OfTheWrongShape_IsRefusedSayingWhy(string csv, string reason)
    {
        var refusal = Assert.Throws<InputValidationException>(() => StatementCsv.Read(Encoding.UTF8.GetBytes(csv), StatementEncoding.Utf8, new StatementCsvOptions()));

        Assert.Contains(reason, Assert.Single(refusal.Errors).MessageFormat, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_LargerThanTheLimit_IsRefusedBeforeReading()
    {
        var refusal = Assert.Throws<InputValidationException>(() =>
            StatementCsv.Read(new byte[2048], StatementEncoding.Utf8, new StatementCsvOptions { MaxBytes = 1024 }));

        Assert.Equal("file", Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public void Validate_ReturnsEveryLine_WhenAllAreGood()
    {
        var (statementId, lines) = StatementLines.Validate(" ST-1 ", [Draft("A1", "1 373,20"), Draft("A2", "0.01", iban: null)], Today, new PaymentLimits());

        Assert.Equal("ST-1", statementId);
        Assert.Equal(1373.20m, lines[0].Amount.Amount);
        Assert.Equal("UA213223130000026007233566001", lines[0].PayerIban?.Value);
        Assert.Null(lines[1].PayerIban);
    }

    [Fact]
    public void Validate_NamesEveryBadFieldOfEveryLine()
    {
        var refusal = Assert.Throws<InputValidationException>(() => StatementLines.Validate("ST-1",
        [
            Draft("A1", "1234.56"),
            Draft("", "1.005", date: "2026-11-27"),
            Draft("A3", "10000000.01", iban: "UA213223130000026007233566002", purpose: "Заява\u0000"),
        ], Today, new PaymentLimits()));

        Assert.Equal(["lines[1].lineId", "lines[1].amount", "lines[1].valueDate", "lines[2].amount", "lines[2].payerIban", "lines[2].purpose"],
            refusal.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_RefusesAStatementWithoutLinesOrId()
    {
        var refusal = Assert.Throws<InputValidationException>(() => StatementLines.Validate(null, [], Today, new PaymentLimits()));

        Assert.Equal(["statementId", "lines"], refusal.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Csv_WithAQuotedLineBreak_GivesTheFileLineWhereEachRowStarts()
    {
        var csv = "lineId,amount,valueDate,payerName,purpose\n\n\nA1,1,2026-11-25,Шевченко,\"Заява\nVN-2026-000001\"\nA2,1,2026-11-25,Шевченко,Заява\n";

        var file = StatementCsv.Read(Encoding.UTF8.GetBytes(csv), StatementEncoding.Utf8, new StatementCsvOptions());

        Assert.Equal(new long[] { 4, 6 }, file.FileLines);
    }

    [Fact]
    public void Validate_NamesANullLine_InsteadOfFailing()
    {
        var refusal = Assert.Throws<InputValidationException>(() => StatementLines.Validate("ST-1", [Draft("A1", "1"), null], Today, new PaymentLimits()));

        Assert.Equal("lines[1]", Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public void Validate_TakesTheAmountCeilingFromThePaymentLimits()
    {
        var limits = new PaymentLimits { MaxAmount = 1000m };

        var refusal = Assert.Throws<InputValidationException>(() => StatementLines.Validate("ST-1", [Draft("A1", "1000.00"), Draft("A2", "1000.01")], Today, limits));

        Assert.Equal("lines[1].amount", Assert.Single(refusal.Errors).Field);
    }

    private static StatementLineDraft Draft(string lineId, string amount, string date = "2026-11-25", string? iban = "UA213223130000026007233566001",
        string purpose = "Заява VN-2026-000001") =>
        new(lineId, amount, date, "Шевченко Тарас", iban, purpose);
}
