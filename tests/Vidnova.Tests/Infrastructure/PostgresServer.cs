using System.Diagnostics;
using Npgsql;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server from Debian's <c>postgresql</c> package: <c>initdb</c> into a temporary folder,
/// started on a free port on 127.0.0.1, stopped and deleted when the test run ends. One per test run; each test
/// host gets its own database on it. As root (CI), the server runs as the package's <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start);

    private readonly string _binaries;
    private readonly string _dataDirectory;

    private PostgresServer(string binaries, string dataDirectory, int port)
    {
        _binaries = binaries;
        _dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    public static PostgresServer Instance => Shared.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true;Maximum Pool Size=50";

    public string CreateDatabase()
    {
        var name = "vidnova_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private static PostgresServer Start()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
            : null;
        if (binaries is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (.ci/run does this).");
        }

        var root = Path.Combine(Path.GetTempPath(), "vidnova-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        if (Environment.UserName == "root")
        {
            Run("chown", "postgres:postgres", root);
        }

        var port = LoopbackPort.Free();
        var server = new PostgresServer(binaries, data, port);
        server.AsServerUser("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        // Durability settings off: a test database is thrown away, and fsync would dominate the run time.
        server.AsServerUser("pg_ctl", "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
            $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(root);
        return server;
    }

    private void Stop(string root)
    {
        try
        {
            AsServerUser("pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
            Directory.Delete(root, recursive: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL server cleanly: {exception.Message}");
        }
    }

    private void AsServerUser(string program, params string[] arguments)
    {
        var executable = Path.Combine(_binaries, program);
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", executable, .. arguments]);
        }
        else
        {
            Run(executable, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {output.Result}{error.Result}");
        }
    }
}
