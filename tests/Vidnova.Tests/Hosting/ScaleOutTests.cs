using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>Two instances of the host on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class ScaleOutTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresApp _first = new();
    private VidnovaApp _second = null!;

    public async Task InitializeAsync()
    {
        _first.CreateClient().Dispose();
        _second = new VidnovaApp(DatabaseProvider.Postgres) { SharedConnectionString = _first.ConnectionString };
        _second.CreateClient().Dispose();
        await new Scenario(_first).RegisterDsoAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }

    [Fact]
    public async Task TwoInstances_SendEveryEmailExactlyOnce()
    {
        var scenario = new Scenario(_first);
        const int applications = 24;
        for (var i = 0; i < applications; i++)
        {
            await scenario.PutAccountAsync($"60000000{i:00}");
        }

        // Applications arrive at both instances; each instance's dispatcher competes for every message.
        var submitted = await Task.WhenAll(Enumerable.Range(0, applications).Select(i =>
            (i % 2 == 0 ? _first : _second).CreateClient()
                .PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor($"60000000{i:00}", email: $"customer{i}@example.com"))));
        Assert.True(submitted.All(r => r.StatusCode == HttpStatusCode.Created),
            $"{string.Join(", ", submitted.Select(r => r.StatusCode))}: {Errors()}");

        var outbox = await WaitUntilAllSentAsync(applications);
        var delivered = _first.Mail.All().Concat(_second.Mail.All()).ToList();

        Assert.Equal(applications, outbox.Count);
        Assert.Equal(applications, delivered.Count);
        Assert.Equal(outbox.Select(m => $"<{m.MessageId}>").Order(), delivered.Select(m => $"<{m.MessageId.Trim('<', '>')}>").Order());
        // How the messages split between the two instances is up to the scheduler (from 13/11 to 2/22 in eight runs
        // of this test alone), so it is not asserted; that two claims never overlap is LeaseClaimsTests'.
    }

    [Fact]
    public async Task DoubleClickedApproval_OnTwoInstances_SendsOneRequestToTheDso()
    {
        await new Scenario(_first).PutAccountAsync("6100000001");
        var application = await new Scenario(_first).ConfirmedApplicationAsync("6100000001");
        (await new Scenario(_first).UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();
        var url = $"/api/v1/restoration-applications/{application.Id}/receipt-decision";

        var responses = await Task.WhenAll(_first.Admin().PostAsJsonAsync(url, new { approve = true }), _second.Admin().PostAsJsonAsync(url, new { approve = true }));

        Assert.True(responses.Select(r => r.StatusCode).Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]),
            $"{string.Join(", ", responses.Select(r => r.StatusCode))}: {Errors()}");
        var stored = await _first.InDatabaseAsync(db => db.Set<RestorationApplication>().SingleAsync(a => a.Id == application.Id));
        Assert.Equal(ApplicationStatus.SentToDso, stored.Status);
        Assert.Single(stored.Timeline, t => t.Kind == "receipt_approved");
        Assert.Single(stored.Timeline, t => t.Kind == "sent_to_dso");
        Assert.Equal(1, await _first.InDatabaseAsync(db =>
            db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == application.Id && m.DeduplicationKey.EndsWith(":receipt-approved"))));
    }

    private Task<List<OutboxMessage>> WaitUntilAllSentAsync(int expected)
    {
        List<OutboxMessage> messages = [];
        return Eventually.ValueAsync(
            async () =>
            {
                messages = await _first.InDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
                return messages.Count >= expected && messages.All(m => m.SentAt is not null) ? messages : null;
            },
            TimeSpan.FromSeconds(30),
            () => $"{messages.Count(m => m.SentAt is not null)} of {messages.Count} queued emails sent, {expected} expected: {Errors()}");
    }

    private string Errors() => string.Join("\n", _first.Errors.Entries.Concat(_second.Errors.Entries));
}
