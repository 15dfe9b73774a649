using Vidnova.Restoration;

namespace Vidnova.Tests.Restoration;

public sealed class ApplicationStateMachineTests
{
    private static readonly Dictionary<(ApplicationStatus, ApplicationTrigger), ApplicationStatus> Expected = new()
    {
        [(ApplicationStatus.AwaitingEmailConfirmation, ApplicationTrigger.ConfirmEmail)] = ApplicationStatus.AwaitingPayment,
        [(ApplicationStatus.AwaitingEmailConfirmation, ApplicationTrigger.Cancel)] = ApplicationStatus.Cancelled,
        [(ApplicationStatus.AwaitingPayment, ApplicationTrigger.SubmitReceipt)] = ApplicationStatus.ReceiptUnderReview,
        [(ApplicationStatus.AwaitingPayment, ApplicationTrigger.Cancel)] = ApplicationStatus.Cancelled,
        [(ApplicationStatus.AwaitingPayment, ApplicationTrigger.ConfirmPaymentByStatement)] = ApplicationStatus.SentToDso,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.ApproveReceipt)] = ApplicationStatus.SentToDso,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.RejectReceipt)] = ApplicationStatus.AwaitingPayment,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.Cancel)] = ApplicationStatus.Cancelled,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.ConfirmPaymentByStatement)] = ApplicationStatus.SentToDso,
        [(ApplicationStatus.SentToDso, ApplicationTrigger.DsoReceived)] = ApplicationStatus.InProgressAtDso,
        [(ApplicationStatus.SentToDso, ApplicationTrigger.DsoCompleted)] = ApplicationStatus.Restored,
        [(ApplicationStatus.SentToDso, ApplicationTrigger.DsoRejected)] = ApplicationStatus.RejectedByDso,
        [(ApplicationStatus.InProgressAtDso, ApplicationTrigger.DsoCompleted)] = ApplicationStatus.Restored,
        [(ApplicationStatus.InProgressAtDso, ApplicationTrigger.DsoRejected)] = ApplicationStatus.RejectedByDso,
    };

    public static TheoryData<ApplicationStatus, ApplicationTrigger> EveryPair()
    {
        var data = new TheoryData<ApplicationStatus, ApplicationTrigger>();
        foreach (var status in Enum.GetValues<ApplicationStatus>())
        {
            foreach (var trigger in Enum.GetValues<ApplicationTrigger>())
            {
                data.Add(status, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Transition_IsAllowedExactlyWhenListed(ApplicationStatus from, ApplicationTrigger trigger)
    {
        var allowed = ApplicationStateMachine.TryNext(from, trigger, out var next);

        Assert.Equal(Expected.ContainsKey((from, trigger)), allowed);
        if (allowed)
        {
            Assert.Equal(Expected[(from, trigger)], next);
        }
    }

    [Theory]
    [InlineData(ApplicationStatus.Restored)]
    [InlineData(ApplicationStatus.RejectedByDso)]
    [InlineData(ApplicationStatus.Cancelled)]
    public void FinalStatuses_AreClosed_AndAcceptNothing(ApplicationStatus status)
    {
        Assert.False(ApplicationStateMachine.IsOpen(status));
        Assert.All(Enum.GetValues<ApplicationTrigger>(), t => Assert.False(ApplicationStateMachine.CanFire(status, t)));
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
}
