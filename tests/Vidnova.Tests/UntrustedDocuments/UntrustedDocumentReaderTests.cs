using System.Diagnostics.Metrics;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vidnova.Hosting;
using Vidnova.Restoration.Receipts;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Tests.UntrustedDocuments;

/// <summary>The reader itself, without a host: how many children it runs, and what happens when one cannot be run at all.</summary>
[SupportedOSPlatform("linux")]
public sealed class UntrustedDocumentReaderTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task ReadAsync_WhenTheChildCannotBeStarted_ReturnsNull_AndCountsIt()
    {
        using var unread = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), Telemetry.MeterName, "vidnova.documents.unread");
        using var reader = Reader(new DocumentReaderOptions { PrlimitPath = "/nonexistent/prlimit" });

        var result = await reader.ReadAsync<PdfTextReading>(DocumentKind.PdfText, HostileFiles.TruncatedPdf(), CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(1, unread.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    /// <summary>Each child may take its memory limit: files arriving in parallel queue for a reader instead of each starting one.</summary>
    [Fact]
    public async Task ReadAsync_WhenFilesArriveInParallel_RunsAtMostMaxConcurrentChildren()
    {
        var folder = Directory.CreateTempSubdirectory("vidnova-reader-");
        try
        {
            // Stands in for prlimit: notes when each child starts and ends.
            var log = Path.Combine(folder.FullName, "children.log");
            var child = Path.Combine(folder.FullName, "child.sh");
            await File.WriteAllTextAsync(child, $"#!/bin/sh\necho start >> '{log}'\nsleep 0.4\necho end >> '{log}'\n");
            File.SetUnixFileMode(child, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var reader = Reader(new DocumentReaderOptions { PrlimitPath = child, MaxConcurrent = 1, TimeoutSeconds = 20 });

            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
                reader.ReadAsync<PdfTextReading>(DocumentKind.PdfText, HostileFiles.TruncatedPdf(), CancellationToken.None)));

            Assert.Equal(["start", "end", "start", "end", "start", "end"], await File.ReadAllLinesAsync(log));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private UntrustedDocumentReader Reader(DocumentReaderOptions options) =>
        new(Options.Create(options), _services.GetRequiredService<IMeterFactory>(), NullLogger<UntrustedDocumentReader>.Instance);

    public void Dispose() => _services.Dispose();
}
