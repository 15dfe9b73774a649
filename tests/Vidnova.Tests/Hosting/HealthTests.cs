using System.Net;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

public sealed class HealthTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Live_AndReady_AnswerHealthy_WhenTheDatabaseIsMigrated()
    {
        var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheRestorationApi()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/restoration-applications/{id}/receipt-decision", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/dso/restoration-requests/{id}/events", document, StringComparison.Ordinal);
    }
}
