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
}
