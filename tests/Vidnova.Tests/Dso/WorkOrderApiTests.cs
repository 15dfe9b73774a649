using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dso;

/// <summary>
/// The DSO's general view of its work orders: every kind, filtered by kind and status, and events reported on an order
/// by either path are one report on one order.
/// </summary>
public abstract class WorkOrderApiTests(VidnovaApp app) : IAsyncLifetime
{
    private const string OtherDso = "other-orders";
    private readonly Scenario _scenario = new(app);
    private string _dsoKey = "";

    public async Task InitializeAsync()
    {
        await _scenario.RegisterDsoAsync();
        _dsoKey = await _scenario.IssueDsoKeyAsync();
        await _scenario.RegisterDsoAsync(OtherDso);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListWorkOrders_ShowsTheRestorationRequestWithItsKind_AndFiltersByKindAndStatus()
    {
        await _scenario.PutAccountAsync("7300000001");
        var sent = await _scenario.SentToDsoAsync("7300000001");
        var dso = app.WithApiKey(_dsoKey);

        var id = sent.DsoRequest!.Id;
        var all = await ItemsAsync(dso, "/api/v1/dso/work-orders");
        var order = Assert.Single(all, i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("restoration", order.GetProperty("kind").GetString());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal(sent.Number, order.GetProperty("applicationNumber").GetString());
        Assert.Equal("7300000001", order.GetProperty("accountNumber").GetString());

        Assert.Contains(await ItemsAsync(dso, "/api/v1/dso/work-orders?kind=restoration&status=pending"), i => i.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(await ItemsAsync(dso, "/api/v1/dso/work-orders?kind=disconnection"), i => i.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(await ItemsAsync(dso, "/api/v1/dso/work-orders?status=received"), i => i.GetProperty("id").GetGuid() == id);

        var unknownKind = await dso.GetAsync("/api/v1/dso/work-orders?kind=meter-reading");
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Contains("kind", await unknownKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkOrderEvent_IsTheRestorationRequestsEvent_OneReportWhicheverPathCarriedIt()
    {
        await _scenario.PutAccountAsync("7300000002");
        var sent = await _scenario.SentToDsoAsync("7300000002");
        var dso = app.WithApiKey(_dsoKey);
        var at = app.Clock.GetCurrentInstant().ToString();
        var id = sent.DsoRequest!.Id;

        var received = await dso.PostAsJsonAsync($"/api/v1/dso/work-orders/{id}/events", new { type = "received", occurredAt = at });
        var order = await received.ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal("received", order.GetProperty("status").GetString());
        Assert.Equal("restoration", order.GetProperty("kind").GetString());
        Assert.Equal("in_progress_at_dso", (await _scenario.GetAsAdminAsync(sent.Id)).Status);
        var request = Assert.Single(await ItemsAsync(dso, "/api/v1/dso/restoration-requests"), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("received", request.GetProperty("status").GetString());

        // The same acknowledgement again by the other path is refused as a repeat of the one order's state.
        var again = await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{id}/events", new { type = "received", occurredAt = at });
        Assert.Equal("dso_event_not_allowed", (await again.ReadAsync<Problem>(HttpStatusCode.Conflict)).Code);

        (await dso.PostAsJsonAsync($"/api/v1/dso/restoration-requests/{id}/events", new { type = "completed", occurredAt = at }))
            .EnsureSuccessStatusCode();
        var completed = Assert.Single(await ItemsAsync(dso, "/api/v1/dso/work-orders?status=completed"), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(order.GetProperty("receivedAt").GetString(), completed.GetProperty("receivedAt").GetString());
        var application = await _scenario.GetAsAdminAsync(sent.Id);
        Assert.Equal("restored", application.Status);
        Assert.Single(application.Timeline, t => t.Kind == "dso_received");
        Assert.Single(application.Timeline, t => t.Kind == "dso_completed");
    }

    [Fact]
    public async Task WorkOrderEvent_OnAnotherDsosOrder_IsNotFound_AndChangesNothing()
    {
        await _scenario.PutAccountAsync("7300000003", dso: OtherDso);
        var foreign = await _scenario.SentToDsoAsync("7300000003");
        var at = app.Clock.GetCurrentInstant().ToString();

        var response = await app.WithApiKey(_dsoKey).PostAsJsonAsync($"/api/v1/dso/work-orders/{foreign.DsoRequest!.Id}/events", new { type = "completed", occurredAt = at });

        Assert.Equal("dso_request_not_found", (await response.ReadAsync<Problem>(HttpStatusCode.NotFound)).Code);
        Assert.Equal("sent_to_dso", (await _scenario.GetAsAdminAsync(foreign.Id)).Status);
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient dso, string url) =>
        [.. (await dso.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray()];
}

public sealed class WorkOrderApiOnSqlite(SqliteApp app) : WorkOrderApiTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderApiOnPostgres(PostgresApp app) : WorkOrderApiTests(app), IClassFixture<PostgresApp>;
