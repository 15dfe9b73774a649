using NodaTime;
using Vidnova.Kernel;
using Vidnova.Restoration.Receipts;
using Xunit.Abstractions;

namespace Vidnova.Tests.Restoration.Receipts;

/// <summary>The extractor, parser and verifier on the generated bank receipts: every layout, every defect.</summary>
public sealed class ReceiptCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Layouts()
    {
        var data = new TheoryData<string>();
        foreach (var layout in Enum.GetNames<BankLayout>())
        {
            data.Add(layout);
        }

        return data;
    }

    public static TheoryData<string> GoodReceipts() => ReceiptCorpus.Names(good: true);

    public static TheoryData<string> BadReceipts() => ReceiptCorpus.Names(good: false);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EveryLayout_HasATextLayerInReadingOrder(string layout)
    {
        var text = ReceiptTextExtractor.Extract(ReceiptCorpus.Get($"{layout}: exact").Render());

        Assert.NotNull(text);
        var lines = text.Lines.Select(l => l.Text).ToList();
        var payee = lines.FindIndex(l => l.Contains("ДТЕК Київські електромережі", StringComparison.Ordinal));
        var purpose = lines.FindIndex(l => l.Contains("VN-2026-000001", StringComparison.Ordinal));
        Assert.True(payee >= 0, string.Join("\n", lines));
        Assert.True(purpose > payee, "the purpose comes after the payee:\n" + string.Join("\n", lines));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EveryLayout_ExactPayment_AllFieldsAreRead(string layout)
    {
        var text = ReceiptTextExtractor.Extract(ReceiptCorpus.Get($"{layout}: exact").Render())!;

        var fields = ReceiptFields.Parse(text);

        output.WriteLine(text.ToString());
        Assert.Equal(ReceiptCorpus.DsoName, fields.PayeeName);
        Assert.Equal(ReceiptCorpus.DsoIban, fields.PayeeIban?.Value);
        Assert.Equal(ReceiptCorpus.DsoEdrpou, fields.PayeeCode?.Value);
        Assert.Equal(Money.Uah(1234.56m), fields.Amount);
        Assert.Equal(new LocalDate(2026, 11, 25), fields.PaymentDate);
        Assert.Equal(ReceiptCorpus.Exact.Purpose, fields.Purpose);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EveryLayout_Variant_WrappedPurposeWithOtherDashesIsReadWhole(string layout)
    {
        var fields = ReceiptFields.Parse(ReceiptTextExtractor.Extract(ReceiptCorpus.Get($"{layout}: overpaid, same day, en dashes").Render())!);

        Assert.Equal(ReceiptCorpus.Variant.Purpose, fields.Purpose);
        Assert.Equal(Money.Uah(1300m), fields.Amount);
        Assert.Equal(new LocalDate(2026, 11, 24), fields.PaymentDate);
    }

    [Theory]
    [MemberData(nameof(GoodReceipts))]
    public void GoodReceipt_PassesEveryCheck_AndIsApproved(string name)
    {
        var assessment = Assess(ReceiptCorpus.Get(name));

        Assert.True(assessment.Verification!.Passed, assessment.Describe());
        Assert.Equal(ReceiptAutoCheckOutcome.Approved, assessment.Outcome);
        Assert.Equal(ReceiptAssessment.VerifiedKind, assessment.TimelineKind);
    }

    [Theory]
    [MemberData(nameof(BadReceipts))]
    public void BadReceipt_IsHeldForItsDefect(string name)
    {
        var receipt = ReceiptCorpus.Get(name);

        var assessment = Assess(receipt);

        Assert.False(assessment.ApproveAutomatically, assessment.Describe());
        Assert.Equal(receipt.Expected, assessment.Outcome);
        if (receipt.FailingCheck is { } failing)
        {
            // Exactly the defect, and nothing else: the parser read the rest of the receipt right.
            Assert.Equal([failing], assessment.Verification!.Failed.Select(c => c.Kind));
            Assert.Contains(assessment.Verification[failing].Explanation, assessment.Describe(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ImageOnlyPdf_HasNoTextLayer()
    {
        var text = ReceiptTextExtractor.Extract(ReceiptCorpus.Get("scan: image-only PDF").Render());

        Assert.NotNull(text);
        Assert.True(text.IsEmpty);
    }

    [Fact]
    public void DamagedPdf_IsNullNotAnException()
    {
        Assert.Null(ReceiptTextExtractor.Extract(ReceiptCorpus.Get("damaged PDF").Render()));
        Assert.Null(ReceiptTextExtractor.Extract(Array.Empty<byte>()));
        Assert.Null(ReceiptTextExtractor.Extract("%PDF-1.4\n garbage \u0000\u0001 %%EOF"u8.ToArray()));
    }

    /// <summary>
    /// The verification rate on the corpus: every good receipt is approved without an operator, every bad one is held
    /// (and for the right reason). Printed in the test output for the release note.
    /// </summary>
    [Fact]
    public void VerificationRate_OnTheCorpus_IsComplete()
    {
        var results = ReceiptCorpus.All.Select(r => (Receipt: r, Assessment: Assess(r))).ToList();
        var good = results.Where(r => r.Receipt.Good).ToList();
        var bad = results.Where(r => !r.Receipt.Good).ToList();
        var autoVerified = good.Count(r => r.Assessment.ApproveAutomatically);
        var held = bad.Count(r => !r.Assessment.ApproveAutomatically);
        var heldForTheRightReason = bad.Count(r => r.Assessment.Outcome == r.Receipt.Expected
            && (r.Receipt.FailingCheck is null || r.Assessment.Verification!.Failed.Select(c => c.Kind).SequenceEqual([r.Receipt.FailingCheck.Value])));

        output.WriteLine($"Layouts: {Enum.GetValues<BankLayout>().Length}; receipts: {results.Count} ({good.Count} good, {bad.Count} bad).");
        output.WriteLine($"Good receipts approved automatically: {autoVerified}/{good.Count} ({100.0 * autoVerified / good.Count:0}%).");
        output.WriteLine($"Bad receipts held for an operator: {held}/{bad.Count}; for the right reason: {heldForTheRightReason}/{bad.Count}.");
        foreach (var (receipt, assessment) in results.Where(r => r.Receipt.Good != r.Assessment.ApproveAutomatically))
        {
            output.WriteLine($"MISSED {receipt.Name}: {assessment.Describe()}");
        }

        Assert.True(good.Count >= 10 && bad.Count >= 20);
        Assert.Equal(good.Count, autoVerified);
        Assert.Equal(bad.Count, held);
        Assert.Equal(bad.Count, heldForTheRightReason);
    }

    private static ReceiptAssessment Assess(CorpusReceipt receipt) =>
        ReceiptAutoCheck.Assess("application/pdf", new PdfTextReading(ReceiptTextExtractor.Extract(receipt.Render())), ReceiptCorpus.Invoice, ReceiptCorpus.ApplicationNumber, autoApprove: true);
}
