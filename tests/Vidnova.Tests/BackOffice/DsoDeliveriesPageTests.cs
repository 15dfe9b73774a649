using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Tests.Dso;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.BackOffice;

/// <summary>The dead-letter view: staff see what failed and why; a supervisor puts a dead letter back in the queue, once.</summary>
public abstract class DsoDeliveriesPageTests(DsoExchangeApp app)
{
    private const string Secret = "whsec_dead_letters_0123456789";
    private const string Password = "correct-horse-battery";
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task DeadLetter_IsShownWithItsError_AndASupervisorRetriesItOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, () => app.Clock.GetCurrentInstant().ToUnixTimeSeconds());
        receiver.Down = true;
        await _scenario.RegisterWebhookDsoAsync("dead-dso", receiver.Url, Secret);
        await _scenario.PutAccountAsync("3400000001", dso: "dead-dso");
        var sent = await _scenario.SentToDsoAsync("3400000001");
        var delivery = await DeadLetteredAsync(sent.DsoRequest!.Id);
        await app.AddStaffAsync("marko@dead-letters.test", StaffRoles.Supervisor, Password);
        await app.AddStaffAsync("olena@dead-letters.test", StaffRoles.Operator, Password);

        // An operator sees the dead letter and why, but may not retry it.
        var operatorClient = await SignInAsync("olena@dead-letters.test");
        var operatorPage = await operatorClient.GetStringAsync("/backoffice/dso-deliveries?dso=dead-dso");
        Assert.Contains(sent.Number, operatorPage, StringComparison.Ordinal);
        Assert.Contains("Зупинено", operatorPage, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", operatorPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/backoffice/dso-deliveries\"", operatorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("retry-form", operatorPage, StringComparison.Ordinal);
        // With a valid antiforgery token (from a receipt decision form, which an operator does get) the retry is still forbidden.
        await _scenario.PutAccountAsync("3400000002", dso: "dead-dso");
        var underReview = await _scenario.ConfirmedApplicationAsync("3400000002");
        (await _scenario.UploadAsync(underReview, Scenario.PdfReceipt)).EnsureSuccessStatusCode();
        var decisionPage = await operatorClient.GetStringAsync($"/backoffice/applications/{underReview.Id}");
        var refused = await RetryAsync(operatorClient, decisionPage, delivery.Id);
        Assert.StartsWith("/backoffice/denied", refused.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        Assert.NotNull((await DeliveryAsync(delivery.Id)).DeadLetteredAt);

        // The supervisor retries after the DSO is back: delivered, audited once, a second click changes nothing.
        var supervisor = await SignInAsync("marko@dead-letters.test");
        var page = await supervisor.GetStringAsync("/backoffice/dso-deliveries?state=dead");
        Assert.Contains("data-confirm=\"Повернути в чергу доставку за заявою " + sent.Number, page, StringComparison.Ordinal);
        receiver.Down = false;
        var retried = await RetryAsync(supervisor, page, delivery.Id);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var after = await supervisor.GetStringAsync(retried.Headers.Location!.OriginalString);
        Assert.Contains("Доставку повернуто в чергу", after, StringComparison.Ordinal);

        var delivered = await WaitForAsync(delivery.Id, d => d.DeliveredAt is not null);
        Assert.Equal("staff:marko@dead-letters.test", delivered.RetriedBy);
        Assert.Equal(1, delivered.Attempts);
        Assert.Single(receiver.Calls, c => c.Status == 200);

        var again = await RetryAsync(supervisor, page, delivery.Id);
        Assert.Contains("нічого не змінено", await supervisor.GetStringAsync(again.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var timeline = (await _scenario.GetAsAdminAsync(sent.Id)).Timeline;
        var audit = Assert.Single(timeline, t => t.Kind == "dso_delivery_retried");
        Assert.Equal("staff:marko@dead-letters.test", audit.Actor);
        Assert.Single(receiver.Calls, c => c.Status == 200);

        var english = await supervisor.GetStringAsync("/backoffice/dso-deliveries?state=delivered&culture=en");
        Assert.Contains("DSO deliveries", english, StringComparison.Ordinal);
        Assert.Contains("Delivered", english, StringComparison.Ordinal);
    }

    /// <summary>Moves the fake clock past each backoff, once the attempt before it has finished, until the delivery stops.</summary>
    private Task<DsoDelivery> DeadLetteredAsync(Guid requestId)
    {
        DsoDelivery? delivery = null;
        return Eventually.ValueAsync(
            async () =>
            {
                delivery = await app.InDatabaseAsync(db => db.Set<DsoDelivery>().AsNoTracking().SingleOrDefaultAsync(d => d.WorkOrderId == requestId));
                if (delivery is { DeadLetteredAt: null, ClaimedBy: null } && delivery.NextAttemptAt > app.Clock.GetCurrentInstant())
                {
                    app.Clock.Advance(Duration.FromMinutes(5));
                }

                return delivery?.DeadLetteredAt is not null ? delivery : null;
            },
            TimeSpan.FromSeconds(30),
            () => $"The delivery was not dead-lettered: attempts {delivery?.Attempts}, error {delivery?.LastError}");
    }

    private Task<DsoDelivery> DeliveryAsync(Guid id) =>
        app.InDatabaseAsync(db => db.Set<DsoDelivery>().AsNoTracking().SingleAsync(d => d.Id == id));

    private Task<DsoDelivery> WaitForAsync(Guid id, Func<DsoDelivery, bool> condition)
    {
        DsoDelivery? delivery = null;
        return Eventually.ValueAsync(
            async () =>
            {
                delivery = await DeliveryAsync(id);
                return condition(delivery) ? delivery : null;
            },
            TimeSpan.FromSeconds(20),
            () => $"Delivery {id}: attempts {delivery?.Attempts}, error {delivery?.LastError}");
    }

    private Task<HttpClient> SignInAsync(string login) => app.SignInStaffAsync(login, Password);

    private static Task<HttpResponseMessage> RetryAsync(HttpClient client, string page, Guid id) =>
        client.PostAsync($"/backoffice/dso-deliveries?handler=Retry&id={id}&state=dead", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryTokenIn(page),
        }));
}

public sealed class DsoDeliveriesPageOnSqlite(DsoExchangeSqliteApp app) : DsoDeliveriesPageTests(app), IClassFixture<DsoExchangeSqliteApp>;

public sealed class DsoDeliveriesPageOnPostgres(DsoExchangePostgresApp app) : DsoDeliveriesPageTests(app), IClassFixture<DsoExchangePostgresApp>;
