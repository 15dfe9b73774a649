using NodaTime;
using Vidnova.Dso;
using Vidnova.Dso.WorkOrders;
using Vidnova.Kernel;

namespace Vidnova.Tests.Dso;

public sealed class DsoDeliveryTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 9, 0);
    private static readonly Duration Base = Duration.FromSeconds(30);
    private static readonly Duration Cap = Duration.FromHours(1);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void Backoff_DoublesUpToTheCap_AndJitterKeepsItBetweenHalfAndAll(int attempts, double ceilingSeconds)
    {
        Assert.Equal(Duration.FromSeconds(ceilingSeconds / 2), DeliveryBackoff.After(attempts, Base, Cap, 0));
        Assert.Equal(Duration.FromSeconds(ceilingSeconds * 0.75), DeliveryBackoff.After(attempts, Base, Cap, 0.5));
        var top = DeliveryBackoff.After(attempts, Base, Cap, 0.999999);
        Assert.InRange(top.TotalSeconds, ceilingSeconds * 0.99, ceilingSeconds);
    }

    [Fact]
    public void IdempotencyKey_IsStablePerRequestAndEvent()
    {
        var request = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        var first = DsoDelivery.Create(request, DsoCode.Parse("kyiv-city"), DsoDelivery.RestorationRequested, "{}", Now);
        var again = DsoDelivery.Create(request, DsoCode.Parse("kyiv-city"), DsoDelivery.RestorationRequested, "{}", Now + Duration.FromHours(1));
        Assert.Equal("6f9619ff8b86d011b42d00cf4fc964ff.restoration_requested", first.IdempotencyKey);
        Assert.Equal(first.IdempotencyKey, again.IdempotencyKey);
        Assert.NotEqual(first.IdempotencyKey, DsoDelivery.IdempotencyKeyFor(request, "disconnection_ordered"));
    }

    [Fact]
    public void FailedAttempts_AreRetriedLater_ThenDeadLettered()
    {
        var delivery = DsoDelivery.Create(Guid.NewGuid(), DsoCode.Parse("kyiv-city"), DsoDelivery.RestorationRequested, "{}", Now);
        Assert.Equal(Now, delivery.NextAttemptAt);

        delivery.MarkFailed("HTTP 500", Now, maxAttempts: 3, Duration.FromMinutes(1));
        Assert.Equal(Now + Duration.FromMinutes(1), delivery.NextAttemptAt);
        Assert.True(delivery.IsPending);

        delivery.MarkFailed("HTTP 503", Now + Duration.FromMinutes(1), maxAttempts: 3, Duration.FromMinutes(2));
        delivery.MarkFailed(new string('x', 5000), Now + Duration.FromMinutes(3), maxAttempts: 3, Duration.FromMinutes(4));

        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(Now + Duration.FromMinutes(3), delivery.DeadLetteredAt);
        Assert.False(delivery.IsPending);
        Assert.Equal(1000, delivery.LastError!.Length);
        Assert.Null(delivery.ClaimedBy);

        Assert.True(delivery.Retry("staff:marko", Now + Duration.FromHours(2)));
        Assert.True(delivery.IsPending);
        Assert.Equal(0, delivery.Attempts);
        Assert.Equal(Now + Duration.FromHours(2), delivery.NextAttemptAt);
        Assert.Equal("staff:marko", delivery.RetriedBy);
        Assert.False(delivery.Retry("staff:olena", Now + Duration.FromHours(3)));
        Assert.Equal("staff:marko", delivery.RetriedBy);
    }

    [Fact]
    public void Delivered_CountsTheAttemptAndClearsTheError()
    {
        var delivery = DsoDelivery.Create(Guid.NewGuid(), DsoCode.Parse("kyiv-city"), DsoDelivery.RestorationRequested, "{}", Now);
        delivery.MarkFailed("HTTP 500", Now, maxAttempts: 5, Duration.FromMinutes(1));
        delivery.MarkDelivered(Now + Duration.FromMinutes(1));
        Assert.Equal(2, delivery.Attempts);
        Assert.Null(delivery.LastError);
        Assert.False(delivery.IsPending);
    }

    [Fact]
    public void WebhookChannel_NeedsAnAbsoluteHttpAddressAndALongSecret()
    {
        var dso = DistributionOperator.Register(DsoCode.Parse("kyiv-city"), "ОСР", Edrpou.Parse("41946011"),
            Iban.Parse("UA213223130000026007233566001"), Vidnova.Kernel.Money.Uah(100m));
        Assert.Equal(DsoChannelType.Pull, dso.ChannelType);
        Assert.Throws<ArgumentException>(() => dso.UseWebhook(new Uri("ftp://dso.example/hook"), "0123456789abcdef"));
        Assert.Throws<ArgumentException>(() => dso.UseWebhook(new Uri("https://dso.example/hook"), "short"));

        dso.UseWebhook(new Uri("https://dso.example/hook"), "0123456789abcdef");
        Assert.Equal(DsoChannelType.Webhook, dso.ChannelType);
        Assert.Equal("https://dso.example/hook", dso.WebhookUrl);

        dso.UsePull();
        Assert.Null(dso.WebhookSecret);
    }

    [Fact]
    public void RepeatedOrOvertakenCallbacks_AreRecognised()
    {
        var request = Order();
        Assert.False(request.AlreadyReports("received"));
        Assert.False(request.AlreadyReports("completed"));

        request.Receive(Now, new LocalDate(2026, 11, 30));
        Assert.True(request.AlreadyReports("received"));
        Assert.False(request.AlreadyReports("completed"));

        request.Complete(Now + Duration.FromDays(1));
        Assert.True(request.AlreadyReports("completed"));

        // Completed without a prior "received": a late "received" changes nothing.
        var overtaken = Order();
        overtaken.Complete(Now);
        Assert.True(overtaken.AlreadyReports("received"));
    }

    private static WorkOrder Order() => WorkOrder.Place(new WorkOrderPlacement(Guid.NewGuid(), WorkOrderKind.Restoration, DsoCode.Parse("kyiv-city"),
        Guid.NewGuid(), 3, new WorkOrderSubject("VN-2026-000001", AccountNumber.Parse("1000000001"), Eic.Parse("62Z100000000001Z"), "Київ", "city")), Now);
}
