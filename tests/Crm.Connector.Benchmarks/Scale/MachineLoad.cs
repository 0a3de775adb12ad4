using System.Globalization;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// How busy the machine was during a run, read from <c>/proc</c> (Linux; zeros elsewhere). A scale run on a small
/// machine is bounded by its cores, not by the app: printing how much CPU the run had and how much of it the app's
/// instances used is what makes a speed-up (or its absence) explainable.
/// </summary>
internal sealed class MachineLoad
{
    private static readonly double TicksPerSecond = 100; // USER_HZ; 100 on every Linux the runs target.

    private readonly (long Busy, long Total) _start = Cpu();

    /// <summary>Share of all cores' time spent busy since this was created (every process on the machine).</summary>
    public double Busy
    {
        get
        {
            var now = Cpu();
            var total = now.Total - _start.Total;
            return total <= 0 ? 0 : (double)(now.Busy - _start.Busy) / total;
        }
    }

    /// <summary>The 1-minute load average now, as <c>/proc/loadavg</c> has it ("?" when unknown).</summary>
    public static string LoadAverage =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>CPU time (user + system) process <paramref name="pid"/> has used so far; zero once it is gone.</summary>
    public static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));

            // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
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
