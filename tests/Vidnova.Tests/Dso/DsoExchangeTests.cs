using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Outbox;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dso;

/// <summary>The host with quick DSO delivery settings: one quick HTTP retry, a short poll, a minute's backoff on the fake clock.</summary>
public class DsoExchangeApp(DatabaseProvider provider) : VidnovaApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dso:Delivery:HttpRetries", "1");
        builder.UseSetting("Dso:Delivery:HttpRetryDelaySeconds", "0.01");
        builder.UseSetting("Dso:Delivery:BaseDelaySeconds", "60");
        builder.UseSetting("Dso:Delivery:PollSeconds", "0.2");
        builder.UseSetting("Dso:Delivery:MaxAttempts", "5");
    }
}

public sealed class DsoExchangeSqliteApp() : DsoExchangeApp(DatabaseProvider.Sqlite);

public sealed class DsoExchangePostgresApp() : DsoExchangeApp(DatabaseProvider.Postgres);

/// <summary>Push delivery to a DSO webhook through the outbox, and the DSO's signed callbacks.</summary>
public abstract class DsoExchangeTests(DsoExchangeApp app)
{
    private const string Secret = "whsec_kyiv_city_0123456789";
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task Webhook_FailingTheFirstAttempts_GetsTheRequestExactlyOnce()
    {
        // 4 × 500: both calls of the first attempt (one quick retry), the first of the second; the fourth call succeeds.
        await using var receiver = await WebhookReceiver.StartAsync(Secret, () => app.Clock.GetCurrentInstant().ToUnixTimeSeconds(), failFirst: 3);
        // A DSO of its own: the class's other tests leave undelivered requests for kyiv-city in the shared database.
        await RegisterWebhookDsoAsync(receiver.Url, "hook-retry");
        await _scenario.PutAccountAsync("3000000001", dso: "hook-retry");

        var sent = await _scenario.SentToDsoAsync("3000000001");
        var requestId = sent.DsoRequest!.Id;

        var afterFirst = await WaitForDeliveryAsync(requestId, d => d.Attempts >= 1);
        Assert.Null(afterFirst.DeliveredAt);
        Assert.Equal("HTTP 500 Internal Server Error", afterFirst.LastError);
        Assert.InRange((afterFirst.NextAttemptAt - app.Clock.GetCurrentInstant()).TotalSeconds, 30, 60);
        Assert.Equal(2, receiver.Calls.Count);

        // Nothing more happens until the backoff has passed.
        await DispatchPassAsync();
        Assert.Equal(2, receiver.Calls.Count);

        app.Clock.Advance(Duration.FromMinutes(2));
        var delivered = await WaitForDeliveryAsync(requestId, d => d.DeliveredAt is not null);
        Assert.Equal(2, delivered.Attempts);

        var calls = receiver.Calls.ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Equal(SignatureCheck.Valid, c.Signature));
        var key = Assert.Single(calls.Select(c => c.IdempotencyKey).Distinct());
        Assert.Equal(DsoDelivery.IdempotencyKeyFor(requestId, DsoDelivery.RestorationRequested), key);
        Assert.Single(calls, c => c.Status == 200);

        using var body = JsonDocument.Parse(calls[^1].Body);
        Assert.Equal("restoration_requested", body.RootElement.GetProperty("eventType").GetString());
        Assert.Equal(requestId, body.RootElement.GetProperty("request").GetProperty("id").GetGuid());
        Assert.Equal("62Z100000000001Z", body.RootElement.GetProperty("request").GetProperty("eic").GetString());

        // Later polls send nothing more.
        app.Clock.Advance(Duration.FromHours(2));
        await DispatchPassAsync();
        Assert.Equal(4, receiver.Calls.Count);
    }

    /// <summary>One dispatcher pass at the current (fake) time, so "nothing was sent" is known, not waited for.</summary>
    private Task<int> DispatchPassAsync() => app.Services.GetRequiredService<OutboxWorker<DsoDelivery>>().DispatchDueAsync(CancellationToken.None);

    [Fact]
    public async Task Callback_SignedWithTheSecret_IsApplied_AndARepeatHasNoSecondEffect()
    {
        await RegisterWebhookDsoAsync(new Uri("http://127.0.0.1:9/unused"));
        await _scenario.PutAccountAsync("3000000002");
        var sent = await _scenario.SentToDsoAsync("3000000002");
        var callback = CallbackBody("evt-1", sent.DsoRequest!.Id, "received");

        var applied = await (await PostCallbackAsync(callback, Secret)).ReadAsync<DsoCallbackResponse>(HttpStatusCode.OK);
        Assert.Equal(new DsoCallbackResponse("evt-1", "applied", "received"), applied);
        var repeated = await (await PostCallbackAsync(callback, Secret)).ReadAsync<DsoCallbackResponse>(HttpStatusCode.OK);
        Assert.Equal("duplicate", repeated.Outcome);
        var sameFactNewId = await (await PostCallbackAsync(CallbackBody("evt-2", sent.DsoRequest.Id, "received"), Secret))
            .ReadAsync<DsoCallbackResponse>(HttpStatusCode.OK);
        Assert.Equal("duplicate", sameFactNewId.Outcome);

        var application = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Equal("in_progress_at_dso", application.Status);
        Assert.Single(application.Timeline, t => t.Kind == "dso_received");

        var completed = await (await PostCallbackAsync(CallbackBody("evt-3", sent.DsoRequest.Id, "completed"), Secret))
            .ReadAsync<DsoCallbackResponse>(HttpStatusCode.OK);
        Assert.Equal("completed", completed.RequestStatus);
        Assert.Equal("restored", (await _scenario.GetAsAdminAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task Callback_WithAForgedOrStaleSignature_IsRefused_AndChangesNothing()
    {
        await RegisterWebhookDsoAsync(new Uri("http://127.0.0.1:9/unused"));
        await _scenario.PutAccountAsync("3000000003");
        var sent = await _scenario.SentToDsoAsync("3000000003");
        var callback = CallbackBody("evt-forged", sent.DsoRequest!.Id, "completed");

        var forged = await PostCallbackAsync(callback, "whsec_guessed_by_an_attacker");
        await AssertUnauthorizedAsync(forged);
        var stale = await PostCallbackAsync(callback, Secret, at: app.Clock.GetCurrentInstant() - Duration.FromMinutes(6));
        await AssertUnauthorizedAsync(stale);
        var unsigned = await app.CreateClient().PostAsync("/api/v1/dso/webhooks/kyiv-city", new StringContent(callback, Encoding.UTF8, "application/json"));
        await AssertUnauthorizedAsync(unsigned);
        var unknownDso = await PostCallbackAsync(callback, Secret, dso: "nowhere");
        await AssertUnauthorizedAsync(unknownDso);

        var application = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Equal("sent_to_dso", application.Status);
        Assert.DoesNotContain(application.Timeline, t => t.Kind.StartsWith("dso_", StringComparison.Ordinal) && t.Kind != "sent_to_dso");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Set<DsoCallbackEvent>().CountAsync()));

        // The event id was not burnt by the forgery: the genuine callback with it still works.
        var genuine = await (await PostCallbackAsync(callback, Secret)).ReadAsync<DsoCallbackResponse>(HttpStatusCode.OK);
        Assert.Equal("applied", genuine.Outcome);
    }

    [Fact]
    public async Task Channel_IsValidated_AndABadOneChangesNothing()
    {
        var plainHttp = await PutDsoAsync(new { type = "webhook", url = "http://dso.example/hook", secret = "short" });
        var problem = await plainHttp.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, plainHttp.StatusCode);
        Assert.Contains("channel.url", problem, StringComparison.Ordinal);
        Assert.Contains("channel.secret", problem, StringComparison.Ordinal);

        var webhook = await PutDsoAsync(new { type = "webhook", url = "https://dso.example/hook", secret = Secret });
        var saved = await webhook.Content.ReadAsStringAsync();
        Assert.True(webhook.IsSuccessStatusCode, saved);
        Assert.Contains("\"type\":\"webhook\"", saved, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, saved, StringComparison.Ordinal);

        foreach (var address in new[] { "", "not an address", "Requests <requests@dso.example>", "requests@localhost", "a@b.example, c@d.example" })
        {
            var badEmail = await PutDsoAsync(new { type = "email", address });
            Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
            using var details = JsonDocument.Parse(await badEmail.Content.ReadAsStringAsync());
            var error = details.RootElement.GetProperty("errors").GetProperty("channel.address")[0].GetString();
            Assert.StartsWith("Адреса email ОСР", error, StringComparison.Ordinal);
        }

        var english = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/dsos/{Scenario.DsoCode}")
        {
            Content = JsonContent.Create(new
            {
                name = "ОСР",
                edrpou = Scenario.DsoEdrpou,
                iban = Scenario.DsoIban,
                restorationPrice = 1m,
                channel = new { type = "email", address = "nowhere" },
            }),
        };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await (await app.Admin().SendAsync(english)).Content.ReadAsStringAsync();
        Assert.Contains("The DSO's email is one full address", inEnglish, StringComparison.Ordinal);
        Assert.Equal(DsoChannelType.Webhook, await ChannelAsync());
        Assert.Equal("ПрАТ «ДТЕК Київські електромережі»", await app.InDatabaseAsync(db => db.Set<DistributionOperator>()
            .Where(d => d.Code == DsoCode.Parse(Scenario.DsoCode)).Select(d => d.Name).SingleAsync()));

        // Without a channel an update keeps the webhook; {"type":"pull"} switches back.
        await _scenario.RegisterDsoAsync();
        Assert.Equal(DsoChannelType.Webhook, await ChannelAsync());
        (await PutDsoAsync(new { type = "pull" })).EnsureSuccessStatusCode();
        Assert.Equal(DsoChannelType.Pull, await ChannelAsync());
    }

    [Fact]
    public async Task EmailChannel_MailsTheRequestWithJsonAndCsv_AndAResendIsTheSameMessage()
    {
        const string Mailbox = "requests@mail-dso.example";
        var channel = await (await PutDsoAsync(new { type = "email", address = $"  {Mailbox} " }, "mail-dso")).ReadAsync<DsoResponse>(HttpStatusCode.Created);
        Assert.Equal(new DsoChannelResponse("email", null, Mailbox), channel.Channel);
        await _scenario.PutAccountAsync("3000000004", dso: "mail-dso");

        var sent = await _scenario.SentToDsoAsync("3000000004");
        var requestId = sent.DsoRequest!.Id;
        var delivered = await WaitForDeliveryAsync(requestId, d => d.DeliveredAt is not null);
        Assert.Equal(1, delivered.Attempts);

        var mail = Assert.Single(DsoMail(Mailbox));
        Assert.Equal($"{delivered.IdempotencyKey}@vidnova", mail.MessageId);
        Assert.Equal(delivered.IdempotencyKey, mail.Headers[DsoEmail.IdempotencyKeyHeader]);
        Assert.Contains(sent.Number, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("62Z100000000001Z", mail.TextBody, StringComparison.Ordinal);

        var attachments = mail.Attachments.OfType<MimeKit.MimePart>().ToDictionary(a => a.FileName ?? "");
        Assert.Equal([$"{sent.Number}-restoration_requested.csv", $"{sent.Number}-restoration_requested.json"], attachments.Keys.Order());
        var json = attachments[$"{sent.Number}-restoration_requested.json"];
        Assert.Equal("application/json", json.ContentType.MimeType);
        Assert.Equal(delivered.Payload, Decode(json));
        using (var body = JsonDocument.Parse(Decode(json)))
        {
            Assert.Equal("restoration_requested", body.RootElement.GetProperty("eventType").GetString());
            Assert.Equal(requestId, body.RootElement.GetProperty("request").GetProperty("id").GetGuid());
        }

        var csv = Decode(attachments[$"{sent.Number}-restoration_requested.csv"]).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("EventType,DsoCode,RequestId,Status,ApplicationNumber,AccountNumber,Eic,Address,Settlement,CreatedAt,ReceivedAt,Deadline", csv[0]);
        Assert.Equal($"restoration_requested,mail-dso,{requestId},pending,{sent.Number},3000000004,62Z100000000001Z,\"м. Київ, вул. Хрещатик, 1, кв. 5\",city,{delivered.CreatedAt:uuuu-MM-dd'T'HH:mm:ss'Z'},,", csv[1]);

        // Sent, but the instance died before recording it: the next attempt sends the same message again, not a second one.
        await app.InDatabaseAsync(db => db.Set<DsoDelivery>().Where(d => d.Id == delivered.Id)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.DeliveredAt, (Instant?)null)));
        app.Services.GetRequiredService<DsoDeliverySignal>().Notify();
        var again = await WaitForDeliveryAsync(requestId, d => d.DeliveredAt is not null && d.Attempts == 2);
        Assert.Equal(delivered.IdempotencyKey, again.IdempotencyKey);
        Assert.Equal(mail.MessageId, Assert.Single(DsoMail(Mailbox)).MessageId);
    }

    private List<MimeKit.MimeMessage> DsoMail(string mailbox) =>
        Directory.Exists(app.MailDirectory)
            ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == mailbox)).ToList()
            : [];

    private static string Decode(MimeKit.MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return Encoding.UTF8.GetString(content.ToArray());
    }

    private Task<DsoChannelType> ChannelAsync() =>
        app.InDatabaseAsync(db => db.Set<DistributionOperator>().Where(d => d.Code == DsoCode.Parse(Scenario.DsoCode)).Select(d => d.ChannelType).SingleAsync());

    private Task<HttpResponseMessage> PutDsoAsync(object channel, string code = Scenario.DsoCode) =>
        app.Admin().PutAsJsonAsync($"/api/v1/dsos/{code}", new
        {
            name = "ПрАТ «ДТЕК Київські електромережі»",
            edrpou = Scenario.DsoEdrpou,
            iban = Scenario.DsoIban,
            restorationPrice = 1234.56m,
            channel,
        });

    private Task RegisterWebhookDsoAsync(Uri url, string code = Scenario.DsoCode) => _scenario.RegisterWebhookDsoAsync(code, url, Secret);

    private string CallbackBody(string eventId, Guid requestId, string type) =>
        JsonSerializer.Serialize(new { eventId, requestId, type, occurredAt = app.Clock.GetCurrentInstant().ToString() });

    private Task<HttpResponseMessage> PostCallbackAsync(string body, string secret, Instant? at = null, string dso = Scenario.DsoCode)
    {
        var timestamp = (at ?? app.Clock.GetCurrentInstant()).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dso/webhooks/{dso}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        return app.CreateClient().SendAsync(request);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"Expected 401 but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("invalid_signature", problem.RootElement.GetProperty("code").GetString());
    }

    private Task<DsoDelivery> WaitForDeliveryAsync(Guid requestId, Func<DsoDelivery, bool> condition)
    {
        DsoDelivery? delivery = null;
        return Eventually.ValueAsync(
            async () =>
            {
                delivery = await app.InDatabaseAsync(db => db.Set<DsoDelivery>().AsNoTracking().SingleOrDefaultAsync(d => d.WorkOrderId == requestId));
                return delivery is not null && condition(delivery) ? delivery : null;
            },
            TimeSpan.FromSeconds(20),
            () => $"The delivery of {requestId} did not reach the expected state: attempts {delivery?.Attempts}, error {delivery?.LastError}");
    }
}

public sealed class DsoExchangeOnSqlite(DsoExchangeSqliteApp app) : DsoExchangeTests(app), IClassFixture<DsoExchangeSqliteApp>;

public sealed class DsoExchangeOnPostgres(DsoExchangePostgresApp app) : DsoExchangeTests(app), IClassFixture<DsoExchangePostgresApp>;
