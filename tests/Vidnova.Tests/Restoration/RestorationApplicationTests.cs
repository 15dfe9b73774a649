using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Problems;
using Vidnova.Restoration;

namespace Vidnova.Tests.Restoration;

public sealed class RestorationApplicationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 8, 0);
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void ConfirmEmail_WithRightCode_IssuesTheInvoiceAndAwaitsPayment()
    {
        var application = Submitted();

        application.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "123456"), Invoice, Now);

        Assert.Equal(ApplicationStatus.AwaitingPayment, application.Status);
        Assert.Equal(Money.Uah(1234.56m), application.Invoice!.Amount);
        Assert.Equal(Now, application.EmailConfirmedAt);
        Assert.Equal(["submitted", "email_confirmed", "invoice_issued"], application.Timeline.Select(t => t.Kind));
    }

    [Fact]
    public void ConfirmEmail_WithWrongCode_CountsTheAttemptAndChangesNothingElse()
    {
        var application = Submitted();

        var refusal = Assert.Throws<BusinessRuleException>(() => application.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "654321"), Invoice, Now));

        Assert.Equal("wrong_confirmation_code", refusal.Code);
        Assert.Equal(ApplicationStatus.AwaitingEmailConfirmation, application.Status);
        Assert.Null(application.Invoice);
        Assert.Equal(1, application.FailedConfirmationAttempts);
    }

    [Fact]
    public void ConfirmEmail_AfterFiveWrongCodes_RefusesEvenTheRightOne()
    {
        var application = Submitted();
        for (var i = 0; i < RestorationApplication.MaxConfirmationAttempts; i++)
        {
            Assert.Throws<BusinessRuleException>(() => application.ConfirmEmail("wrong", Invoice, Now));
        }

        var refusal = Assert.Throws<BusinessRuleException>(() => application.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "123456"), Invoice, Now));

        Assert.Equal("confirmation_locked", refusal.Code);
        Assert.Equal(ApplicationStatus.AwaitingEmailConfirmation, application.Status);
    }

    [Fact]
    public void ConfirmEmail_Twice_IsRefused()
    {
        var application = Confirmed();

        var refusal = Assert.Throws<BusinessRuleException>(() => application.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "123456"), Invoice, Now));

        Assert.Equal("transition_not_allowed", refusal.Code);
    }

    [Fact]
    public void ApproveReceipt_CreatesThePendingDsoRequest()
    {
        var application = UnderReview();

        var request = application.ApproveReceipt("staff:olena", Now);

        Assert.Equal(ApplicationStatus.SentToDso, application.Status);
        Assert.Equal(DsoRequestStatus.Pending, request.Status);
        Assert.Equal(ReceiptDecision.Approved, application.Receipts.Single().Decision);
        Assert.Equal("staff:olena", application.Receipts.Single().DecidedBy);
    }

    [Fact]
    public void ApproveReceipt_Twice_IsRefused()
    {
        var application = UnderReview();
        application.ApproveReceipt("staff:olena", Now);

        Assert.Throws<BusinessRuleException>(() => application.ApproveReceipt("staff:marko", Now));
        Assert.Equal("staff:olena", application.Receipts.Single().DecidedBy);
    }

    [Fact]
    public void SubmitReceipt_WhileOneIsUnderReview_SaysToWait()
    {
        var application = UnderReview();

        var refusal = Assert.Throws<BusinessRuleException>(() => application.SubmitReceipt(NewReceipt(), Actors.Customer, Now));

        Assert.Equal("receipt_already_under_review", refusal.Code);
        Assert.Single(application.Receipts);
    }

    [Fact]
    public void DsoEvents_BeforeTheRequestExists_AreRefused()
    {
        var application = UnderReview();

        Assert.Throws<BusinessRuleException>(() => application.DsoAcknowledged(Now, new LocalDate(2026, 11, 30), "dso:kyiv-city", Now));
        Assert.Throws<BusinessRuleException>(() => application.DsoCompleted(Now, "dso:kyiv-city", Now));
        Assert.Equal(ApplicationStatus.ReceiptUnderReview, application.Status);
    }

    [Fact]
    public void DsoRejection_RecordsTheReasonTheCustomerSees()
    {
        var application = UnderReview();
        application.ApproveReceipt("staff:olena", Now);

        application.DsoRejected(Now, "Немає доступу до лічильника", "dso:kyiv-city", Now);

        Assert.Equal(ApplicationStatus.RejectedByDso, application.Status);
        Assert.Equal("Немає доступу до лічильника", application.DsoRequest!.RejectionReason);
        Assert.False(application.IsOpen);
    }

    [Fact]
    public void Overdue_OnlyAfterTheDeadlineDay_WhileTheDsoWorks()
    {
        var application = UnderReview();
        application.ApproveReceipt("staff:olena", Now);
        application.DsoAcknowledged(Now, new LocalDate(2026, 11, 30), "dso:kyiv-city", Now);

        Assert.False(application.IsOverdue(new LocalDate(2026, 11, 30)));
        Assert.True(application.IsOverdue(new LocalDate(2026, 12, 1)));
        application.DsoCompleted(Now, "dso:kyiv-city", Now);
        Assert.False(application.IsOverdue(new LocalDate(2026, 12, 1)));
    }

    [Fact]
    public void Cancel_AfterTheRequestWentToTheDso_IsRefused()
    {
        var application = UnderReview();
        application.ApproveReceipt("staff:olena", Now);

        Assert.Throws<BusinessRuleException>(() => application.Cancel(Actors.Customer, "", Now));
        Assert.Equal(ApplicationStatus.SentToDso, application.Status);
    }

    private static Invoice Invoice() =>
        new(Money.Uah(1234.56m), "ПрАТ «ДТЕК Київські електромережі»", Edrpou.Parse("41946011"),
            Iban.Parse("UA213223130000026007233566001"), "Оплата … заява VN-2026-000001", Now);

    private static RestorationApplication Submitted()
    {
        var account = PersonalAccount.Open(AccountNumber.Parse("1000000001"), "Шевченко Тарас", "Київ", Eic.Parse("62Z100000000001Z"),
            Settlement.City, DsoCode.Parse("kyiv-city"));
        return RestorationApplication.Submit(Id, "VN-2026-000001", account.Summary(), "t@example.com", "+380671234567",
            SecretTokens.Hash("token"), SecretTokens.HashConfirmationCode(Id, "123456"), "replytoken01", Now);
    }

    private static RestorationApplication Confirmed()
    {
        var application = Submitted();
        application.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "123456"), Invoice, Now);
        return application;
    }

    private static RestorationApplication UnderReview()
    {
        var application = Confirmed();
        application.SubmitReceipt(NewReceipt(), Actors.Customer, Now);
        return application;
    }

    private static Receipt NewReceipt() => Receipt.Received(Guid.NewGuid(), "receipt.pdf", "application/pdf", 1000, "abc", Now);
}
