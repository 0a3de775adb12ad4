using System.Diagnostics;
using System.Globalization;

namespace Crm.Connector.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests: a fresh cluster in a temp folder (initdb), started on a free loopback port
/// (pg_ctl), trusted local connections only, stopped and deleted when the test process exits. One server per test
/// process; every test asks it for its own database (<see cref="CreateDatabaseAsync"/>).
/// <para>
/// The binaries are looked for in <c>CRMC_PG_BIN</c>, then <c>/usr/lib/postgresql/*/bin</c> (Debian's
/// <c>postgresql</c> package, which <c>.ci/run</c> installs), then <c>PATH</c>. PostgreSQL refuses to run as root, so
/// under root the cluster is owned by and run as the <c>postgres</c> user the package creates.
/// </para>
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _bin;
    private readonly string _dataDirectory;
    private readonly string? _runAs;
    private int _databases;

    private PostgresServer(string bin, string root, int port, string? runAs)
    {
        _bin = bin;
        Root = root;
        _dataDirectory = Path.Combine(root, "data");
        Port = port;
        _runAs = runAs;
    }

    /// <summary>Why PostgreSQL tests cannot run here (no binaries found), or null when they can.</summary>
    public static string? Unavailable { get; } = FindBin() is null
        ? "PostgreSQL binaries (initdb, pg_ctl) were not found in CRMC_PG_BIN, /usr/lib/postgresql/*/bin or PATH; install them with `apt-get install -y postgresql` (.ci/run does)."
        : null;

    public string Root { get; }

    /// <summary>The cluster's data folder (its <c>postmaster.pid</c> names the server process, for measuring its CPU).</summary>
    public string DataDirectory => _dataDirectory;

    public int Port { get; }

    /// <summary>The shared server, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");
        await RunAsync(Path.Combine(_bin, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", name], cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>
    /// Restarts the server in place (<c>pg_ctl restart -m fast</c>, same data and options): every open connection is cut,
    /// as a managed database's failover or maintenance restart cuts them, and the data survives. For fault runs that
    /// check an app rides out its database going away for a few seconds.
    /// </summary>
    public Task RestartAsync() =>
        RunAsAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDirectory, "-m", "fast", "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60", "restart"]);

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20");

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(Unavailable);
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        RemoveStoppedClusters();
        var root = Directory.CreateTempSubdirectory("crmc-pg-").FullName;
        var server = new PostgresServer(bin, root, FreePort.Next(), runAs);
        if (runAs is not null)
        {
            await RunAsync("chown", [runAs, root], CancellationToken.None);
        }

        await server.RunAsAsync(Path.Combine(bin, "initdb"), ["-D", server._dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        await server.RunAsAsync(Path.Combine(bin, "pg_ctl"), ["-D", server._dataDirectory, "-o", options, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>
    /// Deletes clusters earlier test runs left behind: the test host may end the process while the exit handler is still
    /// deleting. A cluster with a postmaster.pid may still be running (another test run) and is left alone.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), "crmc-pg-*"))
        {
            if (!File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Someone else's or busy; not ours to insist on.
                }
            }
        }
    }

    private void Stop()
    {
        try
        {
            RunAsAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Directory.Delete(Root, recursive: true);
                    return;
                }
                catch (IOException) when (attempt < 5)
                {
                    // The server's last processes may still be removing their files.
                    Thread.Sleep(100);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Exiting anyway; the temp folder is left for the OS to clean.
        }
    }

    private Task RunAsAsync(string program, IReadOnlyList<string> arguments) =>
        _runAs is null ? RunAsync(program, arguments, CancellationToken.None) : RunAsync("runuser", ["-u", _runAs, "--", program, .. arguments], CancellationToken.None);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static string? FindBin()
    {
        static bool Has(string directory) => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

        if (Environment.GetEnvironmentVariable("CRMC_PG_BIN") is { Length: > 0 } configured && Has(configured))
        {
            return configured;
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var debian = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(Has)
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(path)), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0)
                .FirstOrDefault();
            if (debian is not null)
            {
                return debian;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(Has);
    }
}
