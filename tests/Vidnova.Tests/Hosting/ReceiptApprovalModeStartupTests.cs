using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

public sealed class ReceiptApprovalModeStartupTests
{
    [Fact]
    public void Startup_WithAMistypedAutoApproveMode_StopsTheHostNamingTheAcceptedValues()
    {
        using var app = new VidnovaApp { Settings = new Dictionary<string, string?> { ["Receipts:AutoApprove"] = "statment" } };

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var message = failure is InvalidOperationException ? failure.Message : failure.InnerException?.Message ?? failure.Message;
        Assert.Contains("Receipts:AutoApprove is 'statment'", message, StringComparison.Ordinal);
        Assert.Contains("statement", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_InReceiptMode_WarnsThatAReceiptCanBeForged()
    {
        using var app = new VidnovaApp { Settings = new Dictionary<string, string?> { ["Receipts:AutoApprove"] = "receipt" } };

        using var client = app.CreateClient();
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.True(live.IsSuccessStatusCode);
        Assert.Contains(app.Errors.Warnings, w => w.Contains("can be forged", StringComparison.Ordinal));
    }
}
