using NodaTime;
using Vidnova.Accounts;
using Vidnova.Dso.WorkOrders;
using Vidnova.Kernel;

namespace Vidnova.Tests.Accounts;

/// <summary>The account owns its supply state: the DSO's work orders move it, a staff correction is audited.</summary>
public sealed class SupplyStateTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 8, 0);

    [Fact]
    public void NewAccount_IsConnected() => Assert.Equal(SupplyStatus.Connected, Account().SupplyStatus);

    [Theory]
    [InlineData(SupplyStatus.DisconnectedForDebt, WorkOrderKind.Restoration, WorkOrderStatus.Pending, SupplyStatus.RestorationOrdered)]
    [InlineData(SupplyStatus.RestorationOrdered, WorkOrderKind.Restoration, WorkOrderStatus.Completed, SupplyStatus.Connected)]
    [InlineData(SupplyStatus.RestorationOrdered, WorkOrderKind.Restoration, WorkOrderStatus.Rejected, SupplyStatus.DisconnectedForDebt)]
    [InlineData(SupplyStatus.Connected, WorkOrderKind.Disconnection, WorkOrderStatus.Pending, SupplyStatus.DisconnectionOrdered)]
    [InlineData(SupplyStatus.DisconnectionOrdered, WorkOrderKind.Disconnection, WorkOrderStatus.Completed, SupplyStatus.DisconnectedForDebt)]
    [InlineData(SupplyStatus.DisconnectionOrdered, WorkOrderKind.Disconnection, WorkOrderStatus.Rejected, SupplyStatus.Connected)]
    public void FollowWorkOrder_MovesTheSupplyStateAsTheDsoReports(SupplyStatus before, WorkOrderKind kind, WorkOrderStatus status, SupplyStatus after)
    {
        var account = Account(before);
        var version = account.Version;

        Assert.True(account.FollowWorkOrder(kind, status));

        Assert.Equal(after, account.SupplyStatus);
        Assert.True(account.Version > version);
    }

    [Theory]
    [InlineData(WorkOrderKind.Restoration)]
    [InlineData(WorkOrderKind.Disconnection)]
    public void FollowWorkOrder_WhenTheDsoOnlyAcknowledges_ChangesNothing(WorkOrderKind kind)
    {
        var account = Account(SupplyStatus.RestorationOrdered);

        Assert.False(account.FollowWorkOrder(kind, WorkOrderStatus.Received));

        Assert.Equal(SupplyStatus.RestorationOrdered, account.SupplyStatus);
    }

    [Fact]
    public void FollowWorkOrder_WhenAlreadyInThatState_ChangesNothing()
    {
        var account = Account();
        var version = account.Version;

        Assert.False(account.FollowWorkOrder(WorkOrderKind.Restoration, WorkOrderStatus.Completed));

        Assert.Equal(version, account.Version);
    }

    [Fact]
    public void CorrectSupplyStatus_RecordsWhoWhenFromAndTo()
    {
        var account = Account();

        var correction = account.CorrectSupplyStatus(SupplyStatus.DisconnectedForDebt, "api-key", Now);

        Assert.NotNull(correction);
        Assert.Equal((account.Number, SupplyStatus.Connected, SupplyStatus.DisconnectedForDebt, "api-key", Now),
            (correction.AccountNumber, correction.From, correction.To, correction.CorrectedBy, correction.CorrectedAt));
        Assert.Equal(SupplyStatus.DisconnectedForDebt, account.SupplyStatus);
    }

    [Fact]
    public void CorrectSupplyStatus_ToTheCurrentState_RecordsNothing() =>
        Assert.Null(Account().CorrectSupplyStatus(SupplyStatus.Connected, "api-key", Now));

    private static PersonalAccount Account(SupplyStatus status = SupplyStatus.Connected)
    {
        var account = PersonalAccount.Open(AccountNumber.Parse("1000000001"), "Шевченко Тарас", "Київ", Eic.Parse("62Z100000000001Z"),
            Settlement.City, DsoCode.Parse("kyiv-city"));
        account.CorrectSupplyStatus(status, "test", Now);
        return account;
    }
}
