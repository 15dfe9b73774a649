using Microsoft.Extensions.Configuration;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Payments.Statements;
using Vidnova.Problems;
using Vidnova.Restoration;
using Vidnova.Restoration.PaymentStatements;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Tests.Restoration.PaymentStatements;

/// <summary>The rule that turns money on the DSO's account into a confirmed payment, and the aggregate's side of it.</summary>
public sealed class StatementMatchingTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 8, 0);
    private static readonly DsoCode KyivCity = DsoCode.Parse("kyiv-city");
    private static readonly DsoCode KyivRegion = DsoCode.Parse("kyiv-region");

    [Theory]
    [InlineData("Оплата відновлення, заява VN-2026-000042", "VN-2026-000042")]
    [InlineData("заява vn 2026 000042", "VN-2026-000042")]
    [InlineData("ВН–2026–000042 (кирилицею, довгі тире)", "VN-2026-000042")]
    [InlineData("VN2026000042", "VN-2026-000042")]
    [InlineData("№VN-2026-000042.", "VN-2026-000042")]
    public void QuotedNumbers_FindTheNumber_AsPayersTypeIt(string purpose, string number) =>
        Assert.Equal([number], StatementMatching.QuotedNumbers(purpose));

    [Theory]
    [InlineData("Оплата за електроенергію")]
    [InlineData("VN-2026-0000421")]
    [InlineData("XVN-2026-000042")]
    [InlineData("VN-26-000042")]
    public void QuotedNumbers_FindNothing_WithoutAWholeNumber(string purpose) => Assert.Empty(StatementMatching.QuotedNumbers(purpose));

    [Theory]
    [InlineData(1234.56)]
    [InlineData(1500.00)]
    public void Match_OfThisDsosApplication_ForAtLeastTheInvoice_Confirms(decimal amount)
    {
        var application = AwaitingPayment("VN-2026-000042", KyivCity);

        var match = StatementMatching.Match(Line(amount, "Заява VN-2026-000042"), KyivCity, [application], ReceiptApprovalMode.Statement);

        Assert.Equal(StatementLineOutcome.Confirmed, match.Outcome);
        Assert.Same(application, match.Application);
    }

    [Fact]
    public void Match_OneKopiykaShort_IsUnderpaid()
    {
        var application = AwaitingPayment("VN-2026-000042", KyivCity);

        Assert.Equal(StatementLineOutcome.Underpaid,
            StatementMatching.Match(Line(1234.55m, "VN-2026-000042"), KyivCity, [application], ReceiptApprovalMode.Statement).Outcome);
    }

    [Fact]
    public void Match_OfAnotherDsosApplication_ConfirmsNothing()
    {
        var application = AwaitingPayment("VN-2026-000042", KyivRegion);

        var match = StatementMatching.Match(Line(1234.56m, "VN-2026-000042"), KyivCity, [application], ReceiptApprovalMode.Statement);

        Assert.Equal(StatementLineOutcome.OtherDso, match.Outcome);
        Assert.Equal(ApplicationStatus.AwaitingPayment, application.Status);
    }

    [Fact]
    public void Match_OfAnUnknownOrMissingNumber_ConfirmsNothing()
    {
        var application = AwaitingPayment("VN-2026-000042", KyivCity);

        var unknown = StatementMatching.Match(Line(1234.56m, "VN-2026-000043"), KyivCity, [application], ReceiptApprovalMode.Statement);
        var none = StatementMatching.Match(Line(1234.56m, "Оплата"), KyivCity, [application], ReceiptApprovalMode.Statement);

        Assert.Equal(StatementLineOutcome.UnknownApplication, unknown.Outcome);
        Assert.Equal("VN-2026-000043", unknown.QuotedNumber);
        Assert.Equal(StatementLineOutcome.NoApplicationNumber, none.Outcome);
    }

    [Fact]
    public void Match_OfAnApplicationAlreadySent_IsTheWrongState()
    {
        var application = AwaitingPayment("VN-2026-000042", KyivCity);
        application.ConfirmPaymentByStatement(Actors.DsoStatement(KyivCity), "рядок 1", Now);

        Assert.Equal(StatementLineOutcome.WrongState,
            StatementMatching.Match(Line(1234.56m, "VN-2026-000042"), KyivCity, [application], ReceiptApprovalMode.Statement).Outcome);
    }

    [Fact]
    public void Match_WithAutomaticApprovalOff_LeavesItToAnOperator()
    {
        var application = AwaitingPayment("VN-2026-000042", KyivCity);

        Assert.Equal(StatementLineOutcome.ConfirmationOff,
            StatementMatching.Match(Line(1234.56m, "VN-2026-000042"), KyivCity, [application], ReceiptApprovalMode.Off).Outcome);
        Assert.Equal(StatementLineOutcome.Confirmed,
            StatementMatching.Match(Line(1234.56m, "VN-2026-000042"), KyivCity, [application], ReceiptApprovalMode.Receipt).Outcome);
    }

    [Fact]
    public void ConfirmPaymentByStatement_WithAReceiptUnderReview_ApprovesItAndSendsTheRequest()
    {
        var application = AwaitingPayment("VN-2026-000042", KyivCity);
        var receipt = Receipt.Received(Guid.NewGuid(), "privat24.pdf", "application/pdf", 30_000, "abc", Now);
        application.SubmitReceipt(receipt, Actors.Customer, Now);

        var request = application.ConfirmPaymentByStatement(Actors.DsoStatement(KyivCity), "виписка S1, рядок 7", Now);

        Assert.Equal(ApplicationStatus.SentToDso, application.Status);
        Assert.Same(request, application.DsoRequest);
        Assert.Equal(ReceiptDecision.Approved, receipt.Decision);
        Assert.Equal("dso-statement:kyiv-city", receipt.DecidedBy);
        Assert.Equal(["payment_confirmed", "sent_to_dso"], application.Timeline.TakeLast(2).Select(t => t.Kind));
    }

    [Fact]
    public void ConfirmPaymentByStatement_BeforeTheInvoice_IsRefused()
    {
        var account = Account(KyivCity);
        var application = RestorationApplication.Submit(Guid.NewGuid(), "VN-2026-000042", account.Summary(), "t@example.com", "+380671234567",
            "hash", "code", "replytoken01", Now);

        Assert.Throws<BusinessRuleException>(() => application.ConfirmPaymentByStatement(Actors.DsoStatement(KyivCity), "рядок", Now));
        Assert.Equal(ApplicationStatus.AwaitingEmailConfirmation, application.Status);
    }

    [Theory]
    [InlineData(null, ReceiptApprovalMode.Statement)]
    [InlineData("statement", ReceiptApprovalMode.Statement)]
    [InlineData("Receipt", ReceiptApprovalMode.Receipt)]
    [InlineData("off", ReceiptApprovalMode.Off)]
    [InlineData("true", ReceiptApprovalMode.Receipt)]
    [InlineData("False", ReceiptApprovalMode.Off)]
    public void ApprovalMode_IsRead_WithTheOldBooleansKeepingTheirMeaning(string? value, ReceiptApprovalMode expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ReceiptApprovalModes.Key] = value }).Build();

        Assert.Equal(expected, ReceiptApprovalModes.Read(configuration));
    }

    [Fact]
    public void ApprovalMode_Unknown_IsRefusedSayingTheValues()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ReceiptApprovalModes.Key] = "yes" }).Build();

        var refusal = Assert.Throws<InvalidOperationException>(() => ReceiptApprovalModes.Read(configuration));
        Assert.Contains("statement", refusal.Message, StringComparison.Ordinal);
    }

    private static StatementLine Line(decimal amount, string purpose) =>
        new("L1", Money.Uah(amount), new LocalDate(2026, 11, 25), "Шевченко Тарас", null, purpose);

    private static PersonalAccount Account(DsoCode dso) =>
        PersonalAccount.Open(AccountNumber.Parse("1000000001"), "Шевченко Тарас", "Київ", Eic.Parse("62Z100000000001Z"), Settlement.City, dso);

    private static RestorationApplication AwaitingPayment(string number, DsoCode dso)
    {
        var id = Guid.NewGuid();
        var application = RestorationApplication.Submit(id, number, Account(dso).Summary(), "t@example.com", "+380671234567",
            SecretTokens.Hash("token"), SecretTokens.HashConfirmationCode(id, "123456"), "replytoken01", Now);
        application.ConfirmEmail(SecretTokens.HashConfirmationCode(id, "123456"),
            () => new Invoice(Money.Uah(1234.56m), "ОСР", Edrpou.Parse("41946011"), Iban.Parse("UA213223130000026007233566001"), $"Заява {number}", Now), Now);
        return application;
    }
}
