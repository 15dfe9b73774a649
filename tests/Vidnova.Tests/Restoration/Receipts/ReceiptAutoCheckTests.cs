using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Restoration;
using Vidnova.Restoration.Receipts;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>The decision SubmitReceipt takes on an upload, and the application's side of it.</summary>
public sealed class ReceiptAutoCheckTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void GoodPdf_WithAutoApproveOn_IsApproved()
    {
        var assessment = Assess(ReceiptCorpus.Get("PrivatBank: exact"), autoApprove: true);

        Assert.Equal(ReceiptAutoCheckOutcome.Approved, assessment.Outcome);
        Assert.True(assessment.ApproveAutomatically);
        Assert.Equal("receipt_verified", assessment.TimelineKind);
        Assert.StartsWith("Автоматична перевірка квитанції: усі перевірки пройдено.", assessment.Describe(), StringComparison.Ordinal);
        Assert.Contains($"IBAN: {ReceiptCorpus.DsoIban}", assessment.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void GoodPdf_WithAutoApproveOff_WaitsForAnOperator()
    {
        var assessment = Assess(ReceiptCorpus.Get("Monobank: exact"), autoApprove: false);

        Assert.Equal(ReceiptAutoCheckOutcome.PassedAwaitingOperator, assessment.Outcome);
        Assert.False(assessment.ApproveAutomatically);
        Assert.Equal("receipt_verified", assessment.TimelineKind);
        Assert.Contains("квитанція сама оплату не підтверджує", assessment.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void FailedCheck_WaitsForAnOperator_SayingWhichCheckFailed()
    {
        var assessment = Assess(ReceiptCorpus.Get("Pumb: one kopiyka short"), autoApprove: true);

        Assert.Equal(ReceiptAutoCheckOutcome.ChecksFailed, assessment.Outcome);
        Assert.Equal("receipt_check_failed", assessment.TimelineKind);
        Assert.Contains("Сума 1\u00A0234,55 грн менша за рахунок 1\u00A0234,56 грн.", assessment.Describe(), StringComparison.Ordinal);
        Assert.Contains("квитанцію перевірить оператор", assessment.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/jpeg", ReceiptAutoCheckOutcome.Image)]
    [InlineData("image/png", ReceiptAutoCheckOutcome.Image)]
    public void Photo_WaitsForAnOperator(string contentType, ReceiptAutoCheckOutcome expected)
    {
        var assessment = ReceiptAutoCheck.Assess(contentType, null, ReceiptCorpus.Invoice, ReceiptCorpus.ApplicationNumber, true);

        Assert.Equal(expected, assessment.Outcome);
        Assert.Equal("receipt_needs_operator", assessment.TimelineKind);
        Assert.Null(assessment.Fields);
    }

    [Fact]
    public void ScanAsPdf_WaitsForAnOperator_NoTextLayer()
    {
        var assessment = Assess(ReceiptCorpus.Get("scan: image-only PDF"), autoApprove: true);

        Assert.Equal(ReceiptAutoCheckOutcome.NoTextLayer, assessment.Outcome);
        Assert.Equal("receipt_needs_operator", assessment.TimelineKind);
        Assert.Contains("без текстового шару", assessment.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheMinimalPdfOtherTestsUpload_WaitsForAnOperator()
    {
        var assessment = ReceiptAutoCheck.Assess("application/pdf", new PdfTextReading(ReceiptTextExtractor.Extract(Vidnova.Tests.Infrastructure.Scenario.PdfReceipt)),
            ReceiptCorpus.Invoice, ReceiptCorpus.ApplicationNumber, true);

        Assert.False(assessment.ApproveAutomatically);
        Assert.Equal("receipt_needs_operator", assessment.TimelineKind);
    }

    [Fact]
    public void Application_ApprovedAutomatically_GoesToTheDso_DecidedByTheSystem()
    {
        var application = AwaitingPayment();
        var receipt = Receipt.Received(Guid.NewGuid(), "privat24.pdf", "application/pdf", 30_000, "abc", Now);
        var assessment = Assess(ReceiptCorpus.Get("ABank: exact"), autoApprove: true);

        application.SubmitReceipt(receipt, Actors.Customer, Now);
        application.RecordReceiptCheck(assessment.TimelineKind, assessment.TimelineData(), Now);
        var request = application.ApproveReceiptAutomatically(Now);

        Assert.Equal(ApplicationStatus.SentToDso, application.Status);
        Assert.Same(request, application.DsoRequest);
        Assert.Equal(ReceiptDecision.Approved, receipt.Decision);
        Assert.Equal(Actors.System, receipt.DecidedBy);
        Assert.Equal(
            ["receipt_received", "receipt_verified", "receipt_approved", "sent_to_dso"],
            application.Timeline.Skip(3).Select(t => t.Kind));
        Assert.All(application.Timeline.Skip(4), t => Assert.Equal(Actors.System, t.Actor));
        Assert.Contains("автоматично", Timelines.Describe(application.Timeline.Single(t => t.Kind == "receipt_approved")), StringComparison.Ordinal);
    }

    [Fact]
    public void Application_HeldForAnOperator_StaysUnderReviewWithTheReason()
    {
        var application = AwaitingPayment();
        var assessment = Assess(ReceiptCorpus.Get("Oschadbank: IBAN mismatch"), autoApprove: true);

        application.SubmitReceipt(Receipt.Received(Guid.NewGuid(), "r.pdf", "application/pdf", 1, "abc", Now), Actors.Customer, Now);
        application.RecordReceiptCheck(assessment.TimelineKind, assessment.TimelineData(), Now);

        Assert.Equal(ApplicationStatus.ReceiptUnderReview, application.Status);
        var entry = application.Timeline[^1];
        Assert.Equal(("receipt_check_failed", Actors.System), (entry.Kind, entry.Actor));
        Assert.Contains($"не збігається з рахунком ОСР {ReceiptCorpus.DsoIban}", Timelines.Describe(entry), StringComparison.Ordinal);
        Assert.True(entry.Data.Length <= 4000);
    }

    [Fact]
    public void RecordReceiptCheck_WithoutAReceipt_IsAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => AwaitingPayment().RecordReceiptCheck("receipt_verified", [("outcome", "approved")], Now));
    }

    private static ReceiptAssessment Assess(CorpusReceipt receipt, bool autoApprove) =>
        ReceiptAutoCheck.Assess("application/pdf", new PdfTextReading(ReceiptTextExtractor.Extract(receipt.Render())), ReceiptCorpus.Invoice, ReceiptCorpus.ApplicationNumber, autoApprove);

    private static RestorationApplication AwaitingPayment()
    {
        var account = PersonalAccount.Open(AccountNumber.Parse("1000000001"), "Шевченко Тарас", "Київ", Eic.Parse("62Z100000000001Z"),
            Settlement.City, DsoCode.Parse("kyiv-city"));
        var application = RestorationApplication.Submit(Id, ReceiptCorpus.ApplicationNumber, account.Summary(), "t@example.com", "+380671234567",
            SecretTokens.Hash("token"), SecretTokens.HashConfirmationCode(Id, "123456"), "replytoken01", Now);
        application.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "123456"), () => ReceiptCorpus.Invoice, Now);
        return application;
    }
}
