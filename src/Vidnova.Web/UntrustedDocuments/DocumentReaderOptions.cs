using System.Globalization;
using CliWrap;

namespace Vidnova.UntrustedDocuments;

/// <summary>
/// The limits every reader of a customer's file runs under: our own child process (PDF text, MIME) and the native
/// programs (tesseract, pdftoppm, heif-convert). A file that needs more is not read automatically; it waits for an
/// operator.
/// </summary>
public sealed class DocumentReaderOptions
{
    public const string Section = "Documents:Reader";

    /// <summary>
    /// Reader children of ours running at once on this instance (about its cores); more files wait, up to
    /// <see cref="TimeoutSeconds"/>, for a free one. Each child may take <see cref="MemoryMegabytes"/>.
    /// </summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Wall-clock time per file; then the process tree is killed.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>CPU time per process (<c>RLIMIT_CPU</c>).</summary>
    public int CpuSeconds { get; set; } = 20;

    /// <summary>
    /// Managed heap of our child (<c>DOTNET_GCHeapHardLimit</c>) and address space of a native program
    /// (<c>RLIMIT_AS</c>); it also caps how far a compressed stream can inflate.
    /// </summary>
    public int MemoryMegabytes { get; set; } = 512;

    /// <summary>The most a reader may print (the JSON result) or write to a file (<c>RLIMIT_FSIZE</c>).</summary>
    public int MaxOutputMegabytes { get; set; } = 64;

    /// <summary>util-linux <c>prlimit</c>, which sets the limits and then runs the reader; empty runs it without (development on another OS).</summary>
    public string PrlimitPath { get; set; } = "prlimit";

    public long MaxOutputBytes => MaxOutputMegabytes * 1024L * 1024L;

    public TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds));

    /// <summary>
    /// A native program under the limits. A .NET child reserves far more address space than it uses (the GC and
    /// the JIT map large ranges up front), so for ours <paramref name="addressSpace"/> is false and its memory is
    /// bounded by the GC's hard limit instead.
    /// </summary>
    public Command Limit(string program, IEnumerable<string> arguments, bool addressSpace = true)
    {
        if (string.IsNullOrEmpty(PrlimitPath))
        {
            return Cli.Wrap(program).WithArguments(arguments);
        }

        var limits = new List<string>
        {
            $"--cpu={Math.Max(1, CpuSeconds)}",
            $"--fsize={MaxOutputBytes}",
            "--core=0",
        };
        if (addressSpace)
        {
            limits.Add(string.Create(CultureInfo.InvariantCulture, $"--as={Math.Max(64, MemoryMegabytes) * 1024L * 1024L}"));
        }

        return Cli.Wrap(PrlimitPath).WithArguments([.. limits, "--", program, .. arguments]);
    }
}
