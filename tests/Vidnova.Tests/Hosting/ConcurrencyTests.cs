using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>Requests racing on one application end in exactly one outcome, and the loser is told clearly.</summary>
public abstract class ConcurrencyTests(VidnovaApp app) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(app);
    private string _dsoKey = "";

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        _dsoKey = await _scenario.IssueDsoKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoSubmissionsAtOnce_OpenOneApplication()
    {
        await _scenario.PutAccountAsync("6200000001");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            app.CreateClient().PostAsJsonAsync("/api/v1/restoration-applications", Scenario.ApplicationFor("6200000001"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var ids = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<ApplyBody>(Json.Options)));
        Assert.Single(ids.Select(b => b!.Id).Distinct());
        Assert.Equal(1, await app.InDatabaseAsync(db =>
            db.Set<RestorationApplication>().CountAsync(a => a.AccountNumber == Vidnova.Kernel.AccountNumber.Parse("6200000001"))));
    }

    [Fact]
    public async Task DoubleClickedApproval_ApprovesOnce_AndTheSecondGetsAConflict()
    {
        await _scenario.PutAccountAsync("6200000002");
        var application = await _scenario.ConfirmedApplicationAsync("6200000002");
        (await _scenario.UploadAsync(application, Scenario.PdfReceipt)).EnsureSuccessStatusCode();
        var url = $"/api/v1/restoration-applications/{application.Id}/receipt-decision";

        var responses = await Task.WhenAll(app.Admin().PostAsJsonAsync(url, new { approve = true }), app.Admin().PostAsJsonAsync(url, new { approve = true }));

        Assert.True(responses.Select(r => r.StatusCode).Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]),
            $"{string.Join(", ", responses.Select(r => r.StatusCode))}: {string.Join("\n", app.Errors.Entries)}");
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.True((await loser.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code is "concurrent_change" or "transition_not_allowed");
        Assert.Single((await _scenario.GetAsAdminAsync(application.Id)).Timeline, t => t.Kind == "sent_to_dso");
    }

    [Fact]
    public async Task TwoDsoEventsAtOnce_OneWins()
    {
        await _scenario.PutAccountAsync("6200000003");
        var sent = await _scenario.SentToDsoAsync("6200000003");
        var dso = app.WithApiKey(_dsoKey);
        var url = $"/api/v1/dso/restoration-requests/{sent.DsoRequest!.Id}/events";

        var responses = await Task.WhenAll(
            dso.PostAsJsonAsync(url, new { type = "received", occurredAt = "2026-11-25T08:00:00Z" }),
            dso.PostAsJsonAsync(url, new { type = "received", occurredAt = "2026-11-25T08:01:00Z" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var after = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Single(after.Timeline, t => t.Kind == "dso_received");
    }
}

public sealed class ConcurrencyOnSqlite(SqliteApp app) : ConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class ConcurrencyOnPostgres(PostgresApp app) : ConcurrencyTests(app), IClassFixture<PostgresApp>;
