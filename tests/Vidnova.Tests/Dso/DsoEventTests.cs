using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Notifications;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dso;

/// <summary>
/// A DSO's events, by the API and by signed callback: reports racing each other both stand whatever the order, and
/// an <c>occurredAt</c> before the request was issued or in the future is refused.
/// </summary>
public abstract class DsoEventTests(VidnovaApp app) : IAsyncLifetime
{
    private const string Secret = "whsec_event_dso_0123456789";
    private const string HookDso = "hook-events";
    private const int Trials = 12;
    private readonly Scenario _scenario = new(app);
    private string _dsoKey = "";

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        _dsoKey = await _scenario.IssueDsoKeyAsync();
        await _scenario.RegisterWebhookDsoAsync(HookDso, new Uri("http://127.0.0.1:9/unused"), Secret);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReceivedAndCompletedAtOnce_ByTheApi_BothStand_AndEveryRequestEndsRestored()
    {
        var sent = await SentToDsoAsync("71000000", Scenario.DsoCode);
        var dso = app.WithApiKey(_dsoKey);
        var at = app.Clock.GetCurrentInstant().ToString();

        foreach (var application in sent)
        {
            var url = $"/api/v1/dso/restoration-requests/{application.DsoRequest!.Id}/events";
            var responses = await Task.WhenAll(
                dso.PostAsJsonAsync(url, new { type = "received", occurredAt = at }),
                dso.PostAsJsonAsync(url, new { type = "completed", occurredAt = at }));
            foreach (var response in responses)
            {
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        await AssertAllRestoredAsync(sent);
    }

    [Fact]
    public async Task ReceivedAndCompletedAtOnce_ByCallback_BothStand_AndEveryRequestEndsRestored()
    {
        var sent = await SentToDsoAsync("72000000", HookDso);

        foreach (var application in sent)
        {
            var requestId = application.DsoRequest!.Id;
            var responses = await Task.WhenAll(
                PostCallbackAsync(Callback($"{requestId:N}.received", requestId, "received", app.Clock.GetCurrentInstant())),
                PostCallbackAsync(Callback($"{requestId:N}.completed", requestId, "completed", app.Clock.GetCurrentInstant())));
            foreach (var response in responses)
            {
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        await AssertAllRestoredAsync(sent);
    }

    [Fact]
    public async Task CompletedBeforeReceived_EndsAsInTheOtherOrder_WithTheSameReceivedAtAndDeadline_AndNoCustomerEmail()
    {
        await _scenario.PutAccountAsync("7300000001");
        await _scenario.PutAccountAsync("7300000002");
        var inOrder = await _scenario.SentToDsoAsync("7300000001");
        var overtaken = await _scenario.SentToDsoAsync("7300000002");
        var dso = app.WithApiKey(_dsoKey);
        var receivedAt = (app.Clock.GetCurrentInstant() - Duration.FromSeconds(1)).ToString();
        var completedAt = app.Clock.GetCurrentInstant().ToString();

        async Task<DsoRequestItem> PostAsync(ApplicationResponse application, string type, string at) =>
            await (await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{application.DsoRequest!.Id}/events", new { type, occurredAt = at }))
                .ReadAsync<DsoRequestItem>(HttpStatusCode.OK);

        await PostAsync(inOrder, "received", receivedAt);
        var expected = await PostAsync(inOrder, "completed", completedAt);
        await PostAsync(overtaken, "completed", completedAt);
        var late = await PostAsync(overtaken, "received", receivedAt);

        Assert.Equal("completed", late.Status);
        Assert.Equal((expected.Status, expected.ReceivedAt, expected.Deadline, expected.CompletedAt), (late.Status, late.ReceivedAt, late.Deadline, late.CompletedAt));
        Assert.NotNull(late.ReceivedAt);
        Assert.NotNull(late.Deadline);
        var application = await _scenario.GetAsAdminAsync(overtaken.Id);
        Assert.Equal("restored", application.Status);
        Assert.False(await app.InDatabaseAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.CorrelationId == overtaken.Id && m.DeduplicationKey.EndsWith("dso-received"))));
    }

    [Fact]
    public async Task OccurredAt_BeforeTheRequestWasIssuedOrInTheFuture_IsRefusedWithACode_AndChangesNothing()
    {
        await _scenario.PutAccountAsync("7400000001");
        var sent = await _scenario.SentToDsoAsync("7400000001");
        var dso = app.WithApiKey(_dsoKey);
        var url = $"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events";
        var issuedAt = sent.DsoRequest.CreatedAt;

        var yearOne = await dso.PostAsJsonAsync(url, new { type = "received", occurredAt = "0001-01-01T00:00:00Z" });
        var anHourEarly = await dso.PostAsJsonAsync(url, new { type = "received", occurredAt = (issuedAt - Duration.FromHours(1)).ToString() });
        var tomorrow = await dso.PostAsJsonAsync(url, new { type = "completed", occurredAt = (app.Clock.GetCurrentInstant() + Duration.FromDays(1)).ToString() });
        var english = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { type = "received", occurredAt = "0001-01-01T00:00:00Z" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await (await dso.SendAsync(english)).ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("occurred_at_before_request", (await yearOne.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("occurred_at_before_request", (await anHourEarly.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("occurred_at_in_future", (await tomorrow.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.StartsWith("The event time 0001-01-01 00:00:00Z is before the request was issued", inEnglish.Detail, StringComparison.Ordinal);
        Assert.Equal("sent_to_dso", (await _scenario.GetAsAdminAsync(sent.Id)).Status);

        // A DSO clock a little behind ours is fine: within the configured skew.
        var slightlyBehind = await dso.PostAsJsonAsync(url, new { type = "received", occurredAt = (issuedAt - Duration.FromMinutes(2)).ToString() });
        Assert.Equal("received", (await slightlyBehind.ReadAsync<DsoRequestItem>(HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task OccurredAt_OutOfBounds_IsRefusedOnTheSignedCallbackToo()
    {
        await _scenario.PutAccountAsync("7500000001", dso: HookDso);
        var sent = await _scenario.SentToDsoAsync("7500000001");
        var requestId = sent.DsoRequest!.Id;

        var yearOne = await PostCallbackAsync(Callback("evt-year-one", requestId, "received", Instant.FromUtc(1, 1, 1, 0, 0)));
        var future = await PostCallbackAsync(Callback("evt-future", requestId, "completed", app.Clock.GetCurrentInstant() + Duration.FromHours(1)));

        Assert.Equal("occurred_at_before_request", (await yearOne.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("occurred_at_in_future", (await future.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("sent_to_dso", (await _scenario.GetAsAdminAsync(sent.Id)).Status);

        // The refused event ids were not burnt: the same id with a true time is applied.
        var genuine = await (await PostCallbackAsync(Callback("evt-year-one", requestId, "received", app.Clock.GetCurrentInstant())))
            .ReadAsync<DsoCallbackResponse>(HttpStatusCode.OK);
        Assert.Equal("applied", genuine.Outcome);
    }

    private async Task<ApplicationResponse[]> SentToDsoAsync(string accountPrefix, string dso)
    {
        var accounts = Enumerable.Range(1, Trials).Select(i => $"{accountPrefix}{i:D2}").ToList();
        foreach (var account in accounts)
        {
            await _scenario.PutAccountAsync(account, dso: dso);
        }

        return await Task.WhenAll(accounts.Select(_scenario.SentToDsoAsync));
    }

    private async Task AssertAllRestoredAsync(IEnumerable<ApplicationResponse> sent)
    {
        foreach (var application in sent)
        {
            var after = await _scenario.GetAsAdminAsync(application.Id);
            Assert.Equal("restored", after.Status);
            Assert.Single(after.Timeline, t => t.Kind == "dso_completed");
        }
    }

    private static string Callback(string eventId, Guid requestId, string type, Instant occurredAt) =>
        JsonSerializer.Serialize(new { eventId, requestId, type, occurredAt = occurredAt.ToString() });

    private Task<HttpResponseMessage> PostCallbackAsync(string body)
    {
        var timestamp = app.Clock.GetCurrentInstant().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dso/webhooks/{HookDso}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Secret, timestamp, body));
        return app.CreateClient().SendAsync(request);
    }
}

public sealed class DsoEventsOnSqlite(SqliteApp app) : DsoEventTests(app), IClassFixture<SqliteApp>;

public sealed class DsoEventsOnPostgres(PostgresApp app) : DsoEventTests(app), IClassFixture<PostgresApp>;
