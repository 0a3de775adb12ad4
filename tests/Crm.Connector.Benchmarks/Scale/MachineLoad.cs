using System.Diagnostics;
using System.Globalization;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// Where the machine's CPU went during a run, read from <c>/proc</c> (Linux; zeros elsewhere). A scale run on a small
/// machine is bounded by its cores, not by the app: how much CPU the cores had, how much the app's instances, PostgreSQL
/// and the benchmark's own portals and proxy used, and how much went to everything else on the machine is what makes a
/// speed-up (or its absence) explainable.
/// </summary>
internal sealed class MachineLoad
{
    private static readonly double TicksPerSecond = 100; // USER_HZ; 100 on every Linux the runs target.

    private readonly Func<TimeSpan> _app;
    private readonly string _postgresData;
    private readonly (long Busy, long Total) _machine = Cpu();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _appStart;
    private readonly TimeSpan _postgresStart;
    private readonly TimeSpan _ownStart = OwnCpu();

    /// <summary>Starts measuring; <paramref name="app"/> sums the instances' CPU so far, <paramref name="postgresData"/> is the cluster's data folder.</summary>
    public MachineLoad(Func<TimeSpan> app, string postgresData)
    {
        _app = app;
        _postgresData = postgresData;
        _appStart = app();
        _postgresStart = PostgresCpu(postgresData);
    }

    /// <summary>The 1-minute load average now, as <c>/proc/loadavg</c> has it ("?" when unknown).</summary>
    public static string LoadAverage =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>
    /// CPU seconds since the start: the instances · PostgreSQL · this process (portals, proxy) · the rest of the machine,
    /// of what the cores had in the time (cores × wall time), e.g. <c>5.5 · 3.1 · 4.0 · 15.0 of 29.2</c>.
    /// </summary>
    public string Breakdown()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var available = wall * Environment.ProcessorCount;
        var now = Cpu();
        var total = now.Total - _machine.Total;
        var busy = total <= 0 ? 0 : (double)(now.Busy - _machine.Busy) / total * available;
        var app = (_app() - _appStart).TotalSeconds;
        var postgres = (PostgresCpu(_postgresData) - _postgresStart).TotalSeconds;
        var own = (OwnCpu() - _ownStart).TotalSeconds;
        var rest = Math.Max(0, busy - app - postgres - own);
        return string.Create(CultureInfo.InvariantCulture, $"{app:0.0} · {postgres:0.0} · {own:0.0} · {rest:0.0} of {available:0.0}");
    }

    /// <summary>CPU time (user + system) process <paramref name="pid"/> has used so far; zero once it is gone.</summary>
    public static TimeSpan ProcessCpu(int pid) => Stat(pid) is { } stat ? stat.Cpu : TimeSpan.Zero;

    /// <summary>
    /// CPU time of the PostgreSQL server whose data folder is <paramref name="dataDirectory"/>: the postmaster and its
    /// children alive now (backends of pooled connections live for the run; ones that ended are not counted).
    /// </summary>
    private static TimeSpan PostgresCpu(string dataDirectory)
    {
        try
        {
            var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster))
            {
                return TimeSpan.Zero;
            }

            var sum = ProcessCpu(postmaster);
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { Parent: var parent, Cpu: var cpu } && parent == postmaster)
                {
                    sum += cpu;
                }
            }

            return sum;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }

    private static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>A process's parent and CPU time from <c>/proc/{pid}/stat</c>, or null when it is gone.</summary>
    private static (int Parent, TimeSpan Cpu)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));

            // The command name (field 2) is in parentheses and may hold spaces; after it come state (3), ppid (4) … utime (14), stime (15).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(ticks / TicksPerSecond));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static (long Busy, long Total) Cpu()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        // First line: "cpu  user nice system idle iowait irq softirq steal …"; idle and iowait are the idle time.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}
