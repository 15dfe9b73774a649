using NodaTime;
using Vidnova.Kernel;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Tests.Restoration.Receipts;

public sealed class ReceiptVerificationTests
{
    private static readonly ReceiptFields Good = new(ReceiptCorpus.DsoName, Iban.Parse(ReceiptCorpus.DsoIban), Edrpou.Parse(ReceiptCorpus.DsoEdrpou),
        Money.Uah(1234.56m), new LocalDate(2026, 11, 25), "Оплата послуги з відновлення, заява VN-2026-000001");

    [Fact]
    public void AllChecksPass()
    {
        var result = ReceiptVerification.Verify(Good, ReceiptCorpus.Invoice, ReceiptCorpus.ApplicationNumber);

        Assert.True(result.Passed);
        Assert.Equal(
            [ReceiptCheckKind.PayeeIban, ReceiptCheckKind.Amount, ReceiptCheckKind.Purpose, ReceiptCheckKind.PaymentDate],
            result.Checks.Select(c => c.Kind));
    }

    [Fact]
    public void IbanMismatch_Fails_NamingBothAccounts()
    {
        var check = Verify(Good with { PayeeIban = Iban.Parse(ReceiptCorpus.OtherIban) }, ReceiptCheckKind.PayeeIban);

        Assert.False(check.Passed);
        Assert.Equal($"IBAN отримувача {ReceiptCorpus.OtherIban} не збігається з рахунком ОСР {ReceiptCorpus.DsoIban}.", check.Explanation);
    }

    [Fact]
    public void OneKopiykaShort_Fails()
    {
        var check = Verify(Good with { Amount = Money.Uah(1234.55m) }, ReceiptCheckKind.Amount);

        Assert.False(check.Passed);
        Assert.Equal("Сума 1 234,55 грн менша за рахунок 1 234,56 грн.", Plain(check.Explanation));
    }

    [Fact]
    public void Overpaid_Passes()
    {
        Assert.True(Verify(Good with { Amount = Money.Uah(1300m) }, ReceiptCheckKind.Amount).Passed);
    }

    [Fact]
    public void PurposeWithoutTheNumber_Fails_QuotingThePurpose()
    {
        var check = Verify(Good with { Purpose = "Оплата послуги з відновлення" }, ReceiptCheckKind.Purpose);

        Assert.False(check.Passed);
        Assert.Equal("Призначення платежу не містить номера заяви VN-2026-000001: «Оплата послуги з відновлення».", check.Explanation);
    }

    [Theory]
    [InlineData("заява VN-2026-000001")]
    [InlineData("заява vn-2026-000001")]
    [InlineData("заява VN–2026–000001")]
    [InlineData("заява VN—2026—000001")]
    [InlineData("заява VN‑2026‑000001")]
    [InlineData("заява VN − 2026 − 000001")]
    [InlineData("заява VN 2026 000001")]
    [InlineData("заява VN2026000001")]
    [InlineData("заява ВН-2026-000001")]
    [InlineData("заява VN-2026-\n000001")]
    [InlineData("VN-2026-000001.")]
    public void Purpose_IgnoresCaseSpacesAndDashes(string purpose)
    {
        Assert.True(ReceiptVerification.PurposeQuotes(purpose, ReceiptCorpus.ApplicationNumber));
    }

    [Theory]
    [InlineData("заява VN-2026-0000012")]
    [InlineData("заява VN-2026-00001")]
    [InlineData("заява VN-2025-000001")]
    [InlineData("заява 2026-000001")]
    public void Purpose_AnotherNumber_DoesNotCount(string purpose)
    {
        Assert.False(ReceiptVerification.PurposeQuotes(purpose, ReceiptCorpus.ApplicationNumber));
    }

    [Fact]
    public void DateBeforeTheInvoice_Fails()
    {
        var check = Verify(Good with { PaymentDate = new LocalDate(2026, 11, 23) }, ReceiptCheckKind.PaymentDate);

        Assert.False(check.Passed);
        Assert.Equal("Дата платежу 23.11.2026 раніша за дату рахунку 24.11.2026.", check.Explanation);
    }

    [Fact]
    public void DateOnTheInvoicesDay_Passes()
    {
        Assert.True(Verify(Good with { PaymentDate = new LocalDate(2026, 11, 24) }, ReceiptCheckKind.PaymentDate).Passed);
    }

    [Fact]
    public void InvoiceDate_IsTheKyivDate()
    {
        // Issued at 23:30 UTC on 23 November: already 24 November in Kyiv (UTC+2), so a payment dated the 23rd is earlier.
        var invoice = ReceiptCorpus.Invoice with { IssuedAt = Instant.FromUtc(2026, 11, 23, 22, 30) };

        var check = ReceiptVerification.Verify(Good with { PaymentDate = new LocalDate(2026, 11, 23) }, invoice, ReceiptCorpus.ApplicationNumber)[ReceiptCheckKind.PaymentDate];

        Assert.False(check.Passed);
        Assert.Contains("24.11.2026", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingRead_EveryCheckFails_SayingWhatIsMissing()
    {
        var result = ReceiptVerification.Verify(ReceiptFields.None, ReceiptCorpus.Invoice, ReceiptCorpus.ApplicationNumber);

        Assert.False(result.Passed);
        Assert.All(result.Checks, c => Assert.Contains("не знайдено", c.Explanation, StringComparison.Ordinal));
        Assert.Equal(4, result.Failed.Count());
    }

    private static ReceiptCheck Verify(ReceiptFields fields, ReceiptCheckKind kind) =>
        ReceiptVerification.Verify(fields, ReceiptCorpus.Invoice, ReceiptCorpus.ApplicationNumber)[kind];

    /// <summary>Ukrainian number formatting groups digits with a non-breaking space.</summary>
    private static string Plain(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
