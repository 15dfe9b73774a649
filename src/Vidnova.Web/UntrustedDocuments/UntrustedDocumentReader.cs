using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CliWrap;
using Microsoft.Extensions.Options;

namespace Vidnova.UntrustedDocuments;

/// <summary>What a reader child is asked to read: the name is its command-line argument.</summary>
public enum DocumentKind
{
    /// <summary>A PDF receipt's text layer (PdfPig) → <see cref="Restoration.Receipts.PdfTextReading"/>.</summary>
    PdfText,

    /// <summary>A customer's email (MimeKit) → <see cref="InboundMail.InboundMessageDigest"/>.</summary>
    Email,
}

/// <summary>
/// Reads a customer's file in a child process of ours (<c>dotnet Vidnova.Web.dll read-document &lt;kind&gt;</c>), so
/// that no parser bug — a stack overflow, which no <c>catch</c> stops, a decompression bomb, a loop — reaches the
/// host. The child gets the bytes on stdin and prints a JSON result, under a wall-clock timeout (the process tree is
/// killed), a CPU-time limit (<c>prlimit</c>), a managed-heap limit and a cap on its output. A crash, a hang, a limit
/// hit or garbage costs only that file: the result is null ("could not be read automatically"), logged and counted.
/// At most <see cref="DocumentReaderOptions.MaxConcurrent"/> children run at once, whatever arrives in parallel: each
/// may take its memory limit, so fifty parallel uploads of a bomb must not mean fifty children. A file that waits
/// longer than the timeout for a free reader is not read automatically either.
/// </summary>
public sealed class UntrustedDocumentReader : IDisposable
{
    public const string Command = "read-document";

    /// <summary>A PDF's text is at most <see cref="Restoration.Receipts.ReceiptTextExtractor.MaxPages"/> pages of words: far less than an email's files.</summary>
    private const long PdfTextMaxOutputBytes = 4 * 1024 * 1024;

    private readonly IOptions<DocumentReaderOptions> _options;
    private readonly ILogger<UntrustedDocumentReader> _logger;
    private readonly Counter<long> _failures;
    private readonly SemaphoreSlim _slots;

    public UntrustedDocumentReader(IOptions<DocumentReaderOptions> options, IMeterFactory meters, ILogger<UntrustedDocumentReader> logger)
    {
        _options = options;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrent));
        _failures = meters.Create(Hosting.Telemetry.MeterName).CreateCounter<long>("vidnova.documents.unread", "{document}",
            "Customer files the reader process could not read (crash, limit, timeout, garbage); each waits for an operator");
    }

    public static string ArgumentOf(DocumentKind kind) => kind switch
    {
        DocumentKind.PdfText => "pdf-text",
        DocumentKind.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The result the child printed, or null when it could not read the file (already logged and counted).</summary>
    public async Task<T?> ReadAsync<T>(DocumentKind kind, byte[] content, CancellationToken cancellationToken)
        where T : class
    {
        var options = _options.Value;
        if (!await _slots.WaitAsync(options.Timeout, cancellationToken))
        {
            return Failed<T>(kind, content, $"was busy with other files for more than {options.TimeoutSeconds} s", "");
        }

        try
        {
            return await RunAsync<T>(kind, content, options, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task<T?> RunAsync<T>(DocumentKind kind, byte[] content, DocumentReaderOptions options, CancellationToken cancellationToken)
        where T : class
    {
        var maxOutput = kind == DocumentKind.PdfText ? Math.Min(PdfTextMaxOutputBytes, options.MaxOutputBytes) : options.MaxOutputBytes;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Timeout);
        using var output = new MemoryStream();
        var overflowed = false;
        var errors = new StringBuilder();
        string? failure;
        try
        {
            var result = await ChildCommand(kind, options)
                .WithStandardInputPipe(PipeSource.FromBytes(content))
                .WithStandardOutputPipe(PipeTarget.Create(async (stdout, token) =>
                {
                    var chunk = new byte[81920];
                    int read;
                    while ((read = await stdout.ReadAsync(chunk, token)) > 0)
                    {
                        if (output.Length + read > maxOutput)
                        {
                            overflowed = true;
                            await stop.CancelAsync(); // stops the child, which would block on a full pipe otherwise
                            return;
                        }

                        output.Write(chunk, 0, read);
                    }
                }))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
                {
                    if (errors.Length < 2000)
                    {
                        errors.AppendLine(line);
                    }
                }))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(CancellationToken.None, stop.Token);
            failure = result.ExitCode == 0 ? null : $"exited with code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = overflowed ? $"printed more than {maxOutput >> 20} MB" : $"did not finish in {options.TimeoutSeconds} s";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // prlimit or dotnet missing, fork refused (no memory, too many processes): this file is not read, and the
            // upload or the email still lands, waiting for an operator, instead of a 500 that leaves it half-done.
            failure = $"could not be started or run ({exception.GetType().Name}: {exception.Message})";
        }

        if (failure is null)
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(output.ToArray(), DocumentJson.Options) is { } read)
                {
                    return read;
                }

                failure = "printed no result";
            }
            catch (JsonException)
            {
                failure = "printed something that is not its result";
            }
        }

        return Failed<T>(kind, content, failure, errors.ToString().Trim());
    }

    private T? Failed<T>(DocumentKind kind, byte[] content, string failure, string errors)
        where T : class
    {
        _failures.Add(1, new KeyValuePair<string, object?>("kind", ArgumentOf(kind)));
        _logger.LogWarning("A {Kind} document of {Bytes} bytes could not be read automatically: the reader {Failure}. {Errors}",
            ArgumentOf(kind), content.Length, failure, errors);
        return null;
    }

    /// <summary>
    /// This very assembly in a fresh runtime: the dotnet host that runs us (or the app host beside the assembly),
    /// with the GC held to the memory limit; the CPU limit comes from <c>prlimit</c>.
    /// </summary>
    private static Command ChildCommand(DocumentKind kind, DocumentReaderOptions options)
    {
        var assembly = typeof(UntrustedDocumentReader).Assembly.Location;
        var appHost = Path.ChangeExtension(assembly, null);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
            : null;
        var (program, arguments) = dotnet is not null || !File.Exists(appHost)
            ? (dotnet ?? "dotnet", new[] { assembly, Command, ArgumentOf(kind) })
            : (appHost, new[] { Command, ArgumentOf(kind) });
        var heap = Math.Max(32, options.MemoryMegabytes) * 1024L * 1024L;
        return options.Limit(program, arguments, addressSpace: false)
            .WithEnvironmentVariables(env => env
                .Set("DOTNET_GCHeapHardLimit", "0x" + heap.ToString("X", CultureInfo.InvariantCulture))
                .Set("DOTNET_gcServer", "0")
                .Set("DOTNET_TieredPGO", "0")
                .Set("DOTNET_EnableWriteXorExecute", "0")
                .Set("DOTNET_DbgEnableMiniDump", "0"));
    }
}

/// <summary>The JSON both sides of the reader speak.</summary>
internal static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };
}
