using System.Globalization;

namespace Vidnova.LoadTest;

/// <summary>Command-line settings; every option has the form <c>--name value</c>.</summary>
public sealed record LoadTestOptions
{
    public const string Usage = """
        Vidnova load test: sets up a DSO, accounts and restoration applications through the API, then reads the
        applications' status (GET /api/v1/restoration-applications/{id}) at a fixed open-loop rate.

        dotnet run -c Release --project bench/Vidnova.LoadTest -- [options]

          --base-url URL          the host (default http://127.0.0.1:5080)
          --admin-key KEY         the admin X-Api-Key (or environment variable VIDNOVA_ADMIN_KEY); required
          --applications N        accounts and applications to create (default 500)
          --rate R                status reads per second (default 500)
          --duration S            measured seconds (default 30)
          --warmup S              seconds at the same rate before measuring, not counted (default 5)
          --concurrency C         HTTP connections at most (default 64)
          --run-id ID             1 to 10 digits; picks the account range 5<ID><00001..N> (default: Unix time)
          --setup-concurrency P   parallel requests while setting up (default 4)
          --timeout S             per-request timeout; a timeout counts as an error (default 10)
          --host-pid PID          the host's process id, to report its CPU use beside the generator's and the machine's
          --mode MODE             status (the default: the read load above) or dso-latency: --applications applications
                                  one at a time through the whole journey, timing receipt approval → DSO acknowledgement
                                  (needs a DSO on a webhook channel, e.g. the Development demo's simulator)
                                  or dso-lanes: two webhook DSOs served by this tool, one hanging; --applications
                                  applications alternately for each, approved one every --approve-every ms, timing
                                  approval → first delivery attempt at the healthy DSO
          --approve-every MS      dso-lanes: the pause between two approvals (default 500)
          --dso CODE              dso-latency: the DSO the accounts belong to (default kyiv-city)
          --mail-dir DIR          dso-latency, dso-lanes: the host's Mail:PickupDirectory, to read the confirmation codes
          --floor-url URL         status: also measure the floor (bench/Vidnova.ReadFloor at URL, on the same database):
                                  each application's response is copied there, then the product and the floor are
                                  measured alternately, closed loop (capacity) and open loop (--rate), and the ratio printed
          --capacity-connections C  with --floor-url: connections of the closed-loop capacity phases (default 16)
          --rounds N              with --floor-url: alternating rounds; the table shows each figure's median (default 3)

        Exit code: 0 when every measured read returned 200, 1 when some did not, 2 on bad usage or failed setup.
        """;

    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:5080");

    public string AdminKey { get; init; } = "";

    public int Applications { get; init; } = 500;

    public double Rate { get; init; } = 500;

    public double DurationSeconds { get; init; } = 30;

    public double WarmupSeconds { get; init; } = 5;

    public int Concurrency { get; init; } = 64;

    public string RunId { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public int SetupConcurrency { get; init; } = 4;

    public double TimeoutSeconds { get; init; } = 10;

    public int? HostPid { get; init; }

    public string Mode { get; init; } = "status";

    public string Dso { get; init; } = "kyiv-city";

    public int ApproveEveryMilliseconds { get; init; } = 500;

    public string MailDirectory { get; init; } = "src/Vidnova.Web/data/mail";

    public Uri? FloorUrl { get; init; }

    public int CapacityConnections { get; init; } = 16;

    public int Rounds { get; init; } = 3;

    /// <summary>Account numbers are 16 digits at most: <c>5</c>, the run id, then a 5-digit index.</summary>
    public string AccountNumber(int index) => $"5{RunId}{index.ToString("D5", CultureInfo.InvariantCulture)}";

    public static LoadTestOptions Parse(string[] args)
    {
        var options = new LoadTestOptions { AdminKey = Environment.GetEnvironmentVariable("VIDNOVA_ADMIN_KEY") ?? "" };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new UsageException("");
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--base-url" => options with { BaseUrl = Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : throw new UsageException($"--base-url: '{value}' is not an absolute URL.") },
                "--admin-key" => options with { AdminKey = value },
                "--applications" => options with { Applications = Int(name, value, 1, 99_999) },
                "--rate" => options with { Rate = Number(name, value, 0.1, 1_000_000) },
                "--duration" => options with { DurationSeconds = Number(name, value, 0.1, 3_600) },
                "--warmup" => options with { WarmupSeconds = Number(name, value, 0, 600) },
                "--concurrency" => options with { Concurrency = Int(name, value, 1, 10_000) },
                "--run-id" => options with { RunId = value.Length is >= 1 and <= 10 && value.All(char.IsAsciiDigit) ? value : throw new UsageException("--run-id: 1 to 10 digits.") },
                "--setup-concurrency" => options with { SetupConcurrency = Int(name, value, 1, 256) },
                "--timeout" => options with { TimeoutSeconds = Number(name, value, 0.1, 600) },
                "--host-pid" => options with { HostPid = Int(name, value, 1, int.MaxValue) },
                "--mode" => options with { Mode = value is "status" or "dso-latency" or "dso-lanes" ? value : throw new UsageException("--mode: status, dso-latency or dso-lanes.") },
                "--approve-every" => options with { ApproveEveryMilliseconds = Int(name, value, 0, 60_000) },
                "--dso" => options with { Dso = value },
                "--mail-dir" => options with { MailDirectory = value },
                "--floor-url" => options with { FloorUrl = Uri.TryCreate(value, UriKind.Absolute, out var floor) ? floor : throw new UsageException($"--floor-url: '{value}' is not an absolute URL.") },
                "--capacity-connections" => options with { CapacityConnections = Int(name, value, 1, 1_000) },
                "--rounds" => options with { Rounds = Int(name, value, 1, 99) },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }

        if (string.IsNullOrEmpty(options.AdminKey))
        {
            throw new UsageException("--admin-key (or VIDNOVA_ADMIN_KEY) is required to create the DSO and the accounts.");
        }

        return options;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{name}: a whole number from {min} to {max}.");

    private static double Number(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{name}: a number from {min} to {max}.");
}

public sealed class UsageException(string message) : Exception(message);
