using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vidnova.Hosting;
using Vidnova.Restoration.Receipts;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Tests.UntrustedDocuments;

/// <summary>The reader itself, without a host: what happens when the child cannot be run at all.</summary>
public sealed class UntrustedDocumentReaderTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task ReadAsync_WhenTheChildCannotBeStarted_ReturnsNull_AndCountsIt()
    {
        using var unread = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), Telemetry.MeterName, "vidnova.documents.unread");
        var reader = Reader(new DocumentReaderOptions { PrlimitPath = "/nonexistent/prlimit" });

        var result = await reader.ReadAsync<PdfTextReading>(DocumentKind.PdfText, HostileFiles.TruncatedPdf(), CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(1, unread.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    private UntrustedDocumentReader Reader(DocumentReaderOptions options) =>
        new(Options.Create(options), _services.GetRequiredService<IMeterFactory>(), NullLogger<UntrustedDocumentReader>.Instance);

    public void Dispose() => _services.Dispose();
}
