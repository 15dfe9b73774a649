using CsCheck;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Problems;
using Vidnova.Restoration;

namespace Vidnova.Tests.Restoration;

/// <summary>
/// The application's life driven through its own methods, as the customer, staff, the DSO's statement and the DSO
/// drive it: the journeys they can take, that a finished application takes nothing more, and, over random sequences of
/// every action, that a refused action changes nothing and the application never contradicts itself.
/// </summary>
public sealed class ApplicationLifecycleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 8, 0);
    private static readonly Guid Id = Guid.Parse("0b0e6a59-4a53-4b36-9b8a-0c5b0d1c2f11");
    private static readonly LocalDate Deadline = new(2026, 11, 30);

    /// <summary>Everything that can be done to an application, by whom it is done in production.</summary>
    private static readonly Step[] Steps =
    [
        new("confirm email", a => a.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "123456"), Invoice, Now)),
        new("confirm email with a wrong code", a => a.ConfirmEmail(SecretTokens.HashConfirmationCode(Id, "000000"), Invoice, Now)),
        new("ask for a new code", a => a.ReissueConfirmationCode(SecretTokens.HashConfirmationCode(Id, "123456"), Now)),
        new("upload a receipt", a => a.SubmitReceipt(NewReceipt(), Actors.Customer, Now)),
        new("staff approve the receipt", a => a.ApproveReceipt("staff:marko", Now)),
        new("the check approves the receipt", a => a.ApproveReceiptAutomatically(Now)),
        new("staff reject the receipt", a => a.RejectReceipt("staff:marko", "Сума не збігається з рахунком", Now)),
        new("the DSO's statement shows the payment", a => a.ConfirmPaymentByStatement(Actors.DsoStatement(DsoCode.Parse("kyiv-city")), "рядок 1", Now)),
        new("the DSO acknowledges", a => a.DsoAcknowledged(Now, Deadline, "dso:kyiv-city", Now)),
        new("the DSO is reminded", a => a.RemindDso(Now)),
        new("the DSO reports restored", a => a.DsoCompleted(Now, "dso:kyiv-city", Now)),
        new("the DSO refuses", a => a.DsoRejected(Now, "Немає доступу до лічильника", "dso:kyiv-city", Now)),
        new("the customer cancels", a => a.Cancel(Actors.Customer, "", Now)),
    ];

    public static TheoryData<string[], ApplicationStatus> Journeys() => new()
    {
        { ["confirm email", "upload a receipt", "staff approve the receipt", "the DSO acknowledges", "the DSO reports restored"], ApplicationStatus.Restored },
        { ["confirm email", "the DSO's statement shows the payment", "the DSO reports restored"], ApplicationStatus.Restored },
        { ["confirm email", "upload a receipt", "the DSO's statement shows the payment", "the DSO acknowledges"], ApplicationStatus.InProgressAtDso },
        { ["confirm email", "upload a receipt", "staff reject the receipt", "upload a receipt", "the check approves the receipt"], ApplicationStatus.SentToDso },
        { ["confirm email", "upload a receipt", "staff approve the receipt", "the DSO acknowledges", "the DSO refuses"], ApplicationStatus.RejectedByDso },
        { ["ask for a new code", "confirm email"], ApplicationStatus.AwaitingPayment },
        { ["confirm email", "upload a receipt"], ApplicationStatus.ReceiptUnderReview },
        { ["the customer cancels"], ApplicationStatus.Cancelled },
        { ["confirm email", "upload a receipt", "the customer cancels"], ApplicationStatus.Cancelled },
    };

    public static TheoryData<string[]> FinishedApplications() =>
    [
        ["confirm email", "upload a receipt", "staff approve the receipt", "the DSO acknowledges", "the DSO reports restored"],
        ["confirm email", "the DSO's statement shows the payment", "the DSO refuses"],
        ["confirm email", "the customer cancels"],
    ];

    [Theory]
    [MemberData(nameof(Journeys))]
    public void Journey_ThroughTheApplicationsMethods_EndsInItsStatus(string[] journey, ApplicationStatus expected)
    {
        var application = Submitted();

        foreach (var name in journey)
        {
            Perform(application, name);
        }

        Assert.Equal(expected, application.Status);
        AssertConsistent(application);
    }

    [Fact]
    public void DsoRequest_IsSentOnlyWithProofOfPayment()
    {
        var application = Submitted();
        Perform(application, "confirm email");

        Assert.Throws<BusinessRuleException>(() => Perform(application, "staff approve the receipt"));
        Assert.Throws<BusinessRuleException>(() => Perform(application, "the DSO reports restored"));
        Assert.Equal(ApplicationStatus.AwaitingPayment, application.Status);
    }

    [Theory]
    [MemberData(nameof(FinishedApplications))]
    public void FinishedApplication_RefusesEveryAction_AndStaysAsItWas(string[] journey)
    {
        var application = Submitted();
        foreach (var name in journey)
        {
            Perform(application, name);
        }

        Assert.False(application.IsOpen);
        foreach (var step in Steps.Where(s => s.Name != "the DSO acknowledges"))
        {
            var before = State.Of(application);
            var outcome = step.TryApply(application);
            Assert.True(outcome is Outcome.Refused or Outcome.Declined, $"A finished application took '{step.Name}'");
            Assert.Equal(before, State.Of(application));
        }
    }

    [Fact]
    public void DsoAcknowledged_AfterTheOutcome_RecordsTheDeadlineOnceAndMovesNothing()
    {
        var application = Submitted();
        foreach (var name in new[] { "confirm email", "the DSO's statement shows the payment", "the DSO reports restored" })
        {
            Perform(application, name);
        }

        Assert.False(application.DsoAcknowledged(Now, Deadline, "dso:kyiv-city", Now));
        var afterFirst = State.Of(application);
        Assert.False(application.DsoAcknowledged(Now, Deadline, "dso:kyiv-city", Now));

        Assert.Equal(ApplicationStatus.Restored, application.Status);
        Assert.Equal(afterFirst, State.Of(application));
    }

    [Fact]
    public void AnySequenceOfActions_RefusedOnesChangeNothing_AndTheApplicationStaysConsistent()
    {
        Gen.Int[0, Steps.Length - 1].Select(i => Steps[i]).Array[0, 40].Sample(steps =>
        {
            var application = Submitted();
            var closedAs = (ApplicationStatus?)null;
            foreach (var step in steps)
            {
                var before = State.Of(application);
                var outcome = step.TryApply(application);
                var after = State.Of(application);
                switch (outcome)
                {
                    case Outcome.Refused when step.Name == "confirm email with a wrong code" && after.FailedAttempts == before.FailedAttempts + 1:
                        // A wrong code is refused but counted: that, and only that, is remembered.
                        Assert.Equal(before with { FailedAttempts = after.FailedAttempts, Version = after.Version }, after);
                        break;
                    case Outcome.Declined when step.Name == "the DSO acknowledges":
                        // The acknowledgement overtaken by the outcome is recorded, once, and moves nothing.
                        Assert.Equal(before.Status, after.Status);
                        Assert.True(after.Timeline.Take(before.Timeline.Count).SequenceEqual(before.Timeline), "The timeline was rewritten");
                        break;
                    case Outcome.Refused or Outcome.Declined:
                        Assert.Equal(before, after);
                        break;
                    case Outcome.Done:
                        Assert.True(after.Version > before.Version, $"'{step.Name}' changed the application without recording it");
                        Assert.True(after.Timeline.Take(before.Timeline.Count).SequenceEqual(before.Timeline), "The timeline was rewritten");
                        break;
                }

                Assert.True(closedAs is null || application.Status == closedAs, $"'{step.Name}' reopened a {closedAs} application");
                closedAs = application.IsOpen ? null : application.Status;
                AssertConsistent(application);
            }
        }, iter: 500);
    }

    [Fact]
    public void EveryStatus_HasADistinctApiName_ThatParsesBack()
    {
        var names = Enum.GetValues<ApplicationStatus>().Select(s => s.ToApiName()).ToList();

        Assert.Equal(
            ["awaiting_email_confirmation", "awaiting_payment", "receipt_under_review", "sent_to_dso", "in_progress_at_dso", "restored", "rejected_by_dso", "cancelled"],
            names);
        Assert.All(Enum.GetValues<ApplicationStatus>(), s => Assert.True(ApplicationStatusNames.TryParseApiName(s.ToApiName(), out var parsed) && parsed == s));
    }

    /// <summary>What an application can never be, whatever happened to it.</summary>
    private static void AssertConsistent(RestorationApplication application)
    {
        var status = application.Status;
        var pending = application.Receipts.Count(r => r.Decision == ReceiptDecision.Pending);
        var sentToDso = status is ApplicationStatus.SentToDso or ApplicationStatus.InProgressAtDso
            or ApplicationStatus.Restored or ApplicationStatus.RejectedByDso;

        Assert.True(pending <= 1, "More than one receipt is under review");
        Assert.True(status != ApplicationStatus.ReceiptUnderReview || pending == 1, "Under review without a receipt to review");
        Assert.True(pending == 0 || status is ApplicationStatus.ReceiptUnderReview or ApplicationStatus.Cancelled,
            $"A receipt is still under review in {status}");
        Assert.Equal(application.EmailConfirmedAt is not null, application.Invoice is not null);
        Assert.True(status is ApplicationStatus.AwaitingEmailConfirmation or ApplicationStatus.Cancelled || application.Invoice is not null,
            $"{status} without an invoice");
        Assert.True(!sentToDso || application.Receipts.Any(r => r.Decision == ReceiptDecision.Approved)
            || application.Timeline.Any(t => t.Kind == "payment_confirmed"), $"{status} without proof of payment");
        Assert.True(sentToDso || application.Timeline.All(t => t.Kind != "sent_to_dso"), $"{status} after it was sent to the DSO");
    }

    private static void Perform(RestorationApplication application, string name)
    {
        var step = Steps.Single(s => s.Name == name);
        step.Apply(application);
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

    private static Receipt NewReceipt() => Receipt.Received(Guid.NewGuid(), "receipt.pdf", "application/pdf", 1000, "abc", Now);

    private enum Outcome
    {
        Done,

        /// <summary>Refused with a business rule the caller is told about.</summary>
        Refused,

        /// <summary>Answered false: nothing to do (a reminder already sent, an acknowledgement after the outcome).</summary>
        Declined,
    }

    private sealed record Step(string Name, Action<RestorationApplication> Apply)
    {
        public Step(string name, Func<RestorationApplication, object?> apply)
            : this(name, a => { _ = apply(a); })
        {
            Returns = apply;
        }

        private Func<RestorationApplication, object?>? Returns { get; }

        public Outcome TryApply(RestorationApplication application)
        {
            try
            {
                if (Returns is null)
                {
                    Apply(application);
                    return Outcome.Done;
                }

                return Returns(application) is false ? Outcome.Declined : Outcome.Done;
            }
            catch (BusinessRuleException)
            {
                return Outcome.Refused;
            }
        }

        public override string ToString() => Name;
    }

    /// <summary>Everything observable about an application, to compare before and after an action.</summary>
    private sealed record State(ApplicationStatus Status, uint Version, int FailedAttempts, bool HasInvoice, string Receipts, IReadOnlyList<TimelineEntry> Timeline)
    {
        public static State Of(RestorationApplication a) => new(a.Status, a.Version, a.FailedConfirmationAttempts, a.Invoice is not null,
            string.Join(",", a.Receipts.Select(r => r.Decision)), a.Timeline.ToList());

        public bool Equals(State? other) => other is not null && Status == other.Status && Version == other.Version
            && FailedAttempts == other.FailedAttempts && HasInvoice == other.HasInvoice && Receipts == other.Receipts
            && Timeline.SequenceEqual(other.Timeline);

        public override int GetHashCode() => HashCode.Combine(Status, Version, Receipts);
    }
}
