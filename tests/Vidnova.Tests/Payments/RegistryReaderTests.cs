using System.Text;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Payments.Registries;
using Vidnova.Problems;
using static Vidnova.Tests.Payments.RegistryFixtures;

namespace Vidnova.Tests.Payments;

/// <summary>Reading registry files under a partner's format, reconciling their totals, and the suggestions for a mistyped account.</summary>
public sealed class RegistryReaderTests
{
    private static readonly LocalDate Today = new(2026, 11, 25);

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static RegistryFormat Format(object json)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<RegistryFormatInput>(System.Text.Json.JsonSerializer.Serialize(json), Web);
        var errors = new InputErrors();
        var format = RegistryFormat.Validate(input, errors);
        Assert.False(errors.Any);
        return format;
    }

    private static RegistryFile Read(byte[] content, object format, string fileName = "R-1.csv", RegistryLimits? limits = null) =>
        RegistryReader.Read(content, fileName, Format(format), limits ?? new RegistryLimits(), Today, new PaymentLimits());

    [Fact]
    public void PrivatBank_FixedWidth_IsReadWithItsHeaderRowsReadingsAndFooter()
    {
        var text = PrivatBank("000123",
        [
            new("1000456781", "25.11.2026", "ШЕВЧЕНКО ТАРАС ГРИГОРОВИЧ", "1000000001", "М.КИЇВ, ВУЛ.ХРЕЩАТИК, 1, КВ.5", "10960", "11.2026", 1234.56m, 6.17m),
            new("1000456782", "25.11.2026", "БОНДАРЕНКО ІВАН МИКОЛАЙОВИЧ", "1000000003", "М.КИЇВ, ВУЛ.СІЧОВИХ СТРІЛЬЦІВ, 7", "Д:6720 Н:2780", "11.2026", 500.00m, 2.50m),
        ]);

        var file = Read(Windows1251.GetBytes(text), PrivatBankFormat);
        file.Reconcile();

        Assert.Equal("000123", file.RegistryNumber);
        Assert.Equal(new LocalDate(2026, 11, 25), file.RegistryDate);
        Assert.Equal(2, file.Rows.Count);
        Assert.Equal(Money.Uah(1734.56m), file.Amount);
        Assert.Equal("1000000003", file.Rows[1].AccountNumber);
        Assert.Equal("БОНДАРЕНКО ІВАН МИКОЛАЙОВИЧ", file.Rows[1].PayerName);
        Assert.Equal(new Dictionary<string, decimal> { ["day"] = 6720m, ["night"] = 2780m }, file.Rows[1].Readings);
        Assert.Equal(new Dictionary<string, decimal> { ["total"] = 10960m }, file.Rows[0].Readings);
        Assert.Equal(Money.Uah(2.50m), file.Rows[1].Commission);
    }

    [Fact]
    public void PrivatBank_WhoseFooterDisagrees_IsRefusedSayingWhatDiffers()
    {
        var text = PrivatBank("000124", [new("1", "25.11.2026", "ШЕВЧЕНКО Т.Г.", "1000000001", "", "", "11.2026", 100m, 0.5m)], accepted: 110m);

        var refusal = Assert.Throws<BusinessRuleException>(() => Read(Windows1251.GetBytes(text), PrivatBankFormat).Reconcile());

        Assert.Equal("registry_totals_mismatch", refusal.Code);
        Assert.Contains("110,00", string.Format(System.Globalization.CultureInfo.InvariantCulture, refusal.MessageFormat, [.. refusal.Arguments]), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_InWindows1251_WithAFooter_IsReadAndReconciled()
    {
        var csv = CsvLines("Референс;Особовий рахунок;Платник;Сума;Дата;Призначення",
            "UP-1;1000000001;Шевченко Т.Г.;1 234,56;25.11.2026;Оплата за електроенергію",
            "UP-2;1000000002;Коваленко О.П.;100,00;24.11.2026;Оплата",
            "РАЗОМ;2;;1 334,56;;");

        var file = Read(Windows1251.GetBytes(csv), CsvWithFooter("windows-1251"), fileName: "UP-20261125.csv");
        file.Reconcile();

        Assert.Equal("UP-20261125", file.RegistryNumber);
        Assert.Equal(["UP-1", "UP-2"], file.Rows.Select(r => r.Reference));
        Assert.Equal(Money.Uah(1334.56m), file.Amount);
        Assert.Equal("Коваленко О.П.", file.Rows[1].PayerName);
        Assert.Equal(new LocalDate(2026, 11, 24), file.Rows[1].PaidOn);
    }

    [Fact]
    public void Csv_WhoseCountDisagreesWithTheFooter_IsRefused()
    {
        var csv = CsvLines("h", "UP-1;1000000001;Шевченко;10,00;25.11.2026;x", "РАЗОМ;2;;10,00;;");

        var refusal = Assert.Throws<BusinessRuleException>(() => Read(Encoding.UTF8.GetBytes(csv), CsvWithFooter("utf-8")).Reconcile());

        Assert.Equal("registry_totals_mismatch", refusal.Code);
    }

    [Fact]
    public void Csv_WithTheNumberInAColumn_AndReadings_IsRead()
    {
        var csv = CsvLines("ref,account,payer,amount,date,purpose,registry,readings", "T-1,1000000001,Шевченко,99.90,2026-11-25,Оплата,TERM-77,10960");

        var file = Read(Encoding.UTF8.GetBytes(csv), CsvWithoutFooter);

        Assert.Equal("TERM-77", file.RegistryNumber);
        Assert.Equal(Money.Uah(99.90m), Assert.Single(file.Rows).Amount);
        Assert.Equal(10960m, file.Rows[0].Readings!["total"]);
    }

    [Theory]
    [InlineData("h\r\nUP-1;1000000001;Шевченко;10,005;25.11.2026;x\r\nРАЗОМ;1;;10,00;;\r\n", "сума")]
    [InlineData("h\r\nUP-1;1000000001;Шевченко;10,00;2026-11-25;x\r\nРАЗОМ;1;;10,00;;\r\n", "дата")]
    [InlineData("h\r\nUP-1;1000000001;Шевченко;10,00;25.11.2026;x\r\n", "немає підсумкового рядка")]
    [InlineData("h\r\nUP-1;1000000001;Шевченко;10,00;26.11.2026;x\r\nРАЗОМ;1;;10,00;;\r\n", "дата оплати")]
    public void Csv_WithABadRow_IsRefusedNamingTheLine(string csv, string reason)
    {
        var refusal = Assert.Throws<InputValidationException>(() => Read(Encoding.UTF8.GetBytes(csv), CsvWithFooter("utf-8")));

        var error = Assert.Single(refusal.Errors);
        Assert.Contains(reason, string.Format(System.Globalization.CultureInfo.InvariantCulture, error.MessageFormat, error.Arguments), StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_Files_AreRefusedWithACode()
    {
        var format = CsvWithFooter("utf-8");
        Assert.Equal("registry_too_large", Assert.Throws<BusinessRuleException>(() => Read(new byte[2048], format, limits: new RegistryLimits { MaxBytes = 1024 })).Code);
        Assert.Equal("registry_unreadable", Assert.Throws<BusinessRuleException>(() => Read(Encoding.UTF8.GetBytes(new string('x', 5000)), format)).Code);
        Assert.Equal("registry_unreadable", Assert.Throws<BusinessRuleException>(() => Read([0x00, 0x01, 0x02, 0xFF, 0xFE], format)).Code);
        Assert.Equal("registry_unreadable", Assert.Throws<BusinessRuleException>(() => Read(Windows1251.GetBytes("Шевченко"), format)).Code);
        Assert.Equal("registry_unreadable", Assert.Throws<BusinessRuleException>(() => Read(Encoding.UTF8.GetBytes("h\r\n\"UP-1;1;2\r\n"), format)).Code);
        Assert.Equal("registry_unreadable", Assert.Throws<BusinessRuleException>(() => Read(Encoding.UTF8.GetBytes("anything\r\n"), PrivatBankFormat)).Code);
    }

    [Fact]
    public void Format_WithWrongFields_NamesEachOne()
    {
        var input = new RegistryFormatInput("csv", "koi8-u", ";;", ",", -1, new Dictionary<string, int> { ["reference"] = 0 }, "QQ", null, "row:1");
        var errors = new InputErrors();

        RegistryFormat.Validate(input, errors);

        var fields = Assert.Throws<InputValidationException>(errors.ThrowIfAny).Errors.Select(e => e.Field).ToList();
        Assert.Contains("format.encoding", fields);
        Assert.Contains("format.delimiter", fields);
        Assert.Contains("format.headerRows", fields);
        Assert.Contains("format.columns.amount", fields);
        Assert.Contains("format.dateFormat", fields);
        Assert.Contains("format.registryNumberFrom", fields);
    }

    [Fact]
    public void OneEditAway_CoversEachKindOfTypo()
    {
        var candidates = UnmatchedPayments.OneEditAway("1000000010").ToHashSet();

        Assert.Contains("1000000001", candidates);  // two digits swapped
        Assert.Contains("1000000011", candidates);  // one changed
        Assert.Contains("100000010", candidates);   // one missing
        Assert.Contains("10000000010", candidates); // one added
        Assert.DoesNotContain("2000000020", candidates); // two digits changed
    }
}
