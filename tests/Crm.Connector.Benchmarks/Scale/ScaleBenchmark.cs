using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Testing;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// <c>scale</c> (tracker issue 16): does the app scale out, and does it stay exactly-once while it does? 1, 2 and 4
/// instances of the built app — separate processes on one throwaway PostgreSQL, behind a round-robin proxy that is the
/// app's public address — serving sandbox portals of the driving school (seed 000), professional plan.
/// <list type="bullet">
/// <item>(a) one portal, 50 ms latency: <c>--deals</c> new deals in batch calls, then a second change of each (its last
/// score flips, so its admission must flip): two events per deal. Wall time until every deal has its one task and its
/// last admission; requests the portal served, 503s, effects written, duplicates, missing. The portal's limit
/// (2 req/s, burst 50), not the instances, bounds this one: goal each effect once, N instances no slower than one,
/// no 503.</item>
/// <item>(b) <c>--portals</c> portals × <c>--changes</c> new deals each, all at once: throughput per instance count.
/// Each portal's own limit is far from reached, so this one is bounded by CPU: goal 4 instances ≥ 3× one — which
/// needs the cores to run them; the tables split the cores' time over each run between the instances, PostgreSQL,
/// the benchmark's own portals and proxy, and the rest of the machine, so a missing speed-up can be told from a slow app.</item>
/// </list>
/// Options: <c>--instances 1,2,4</c>, <c>--deals 1000</c>, <c>--portals 100</c>, <c>--changes 100</c>,
/// <c>--latency-ms 50</c>, <c>--scenario a|b|ab</c>, <c>--timeout-s 600</c> (per run), <c>--idle-s 5</c> (the instances'
/// CPU with nothing to do, measured before the scenarios; 0 skips it), <c>--quick</c> (1,2 instances, 100 deals,
/// 4 portals × 20, no idle measurement: a smoke run for CI). Exit 1 on any duplicated or missing effect (or a run that did not
/// finish), 2 when PostgreSQL's binaries are not installed.
/// </summary>
internal static class ScaleBenchmark
{
    private const string ClientSecret = "scale-benchmark-secret";

    /// <summary>The professional plan's bucket (bitrix24-rest.md: 50 requests, drained at 2 a second).</summary>
    private const int Burst = 50;

    private const double DrainPerSecond = 2;

    private const string EventsLost =
        "Events lost: deliveries the portal gave up on (no answer within its 5 s handler timeout; Bitrix24 does not send them again) — "
        + "their deals wait for the offline queue, which the app's reconcile timer drains every 10 minutes.";

    private const string CpuColumn = "CPU s: app · PostgreSQL · portals + proxy · rest of machine (of cores × wall)";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = Options.Flag(args, "--quick");
        var counts = Options.Ints(args, "--instances", quick ? [1, 2] : [1, 2, 4]);
        var scenarios = Options.Text(args, "--scenario", "ab");
        var run = new Settings(
            scenarios.Contains('a', StringComparison.Ordinal) ? Options.Int(args, "--deals", quick ? 100 : 1_000) : 0,
            scenarios.Contains('b', StringComparison.Ordinal) ? Options.Int(args, "--portals", quick ? 4 : 100) : 0,
            Options.Int(args, "--changes", quick ? 20 : 100),
            TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50)),
            TimeSpan.FromSeconds(Options.Int(args, "--timeout-s", quick ? 120 : 600)),
            TimeSpan.FromSeconds(Options.Int(args, "--idle-s", quick ? 0 : 5)));
        if (PostgresServer.Unavailable is { } unavailable)
        {
            Console.Error.WriteLine($"scale needs PostgreSQL: {unavailable}");
            return 2;
        }

        _ = AppInstance.Assembly;
        var postgres = await PostgresServer.GetAsync();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage} at start. PostgreSQL in {postgres.Root}; app: {AppInstance.Assembly}");
        Console.WriteLine("Per instance count: a new database, new portals, the instances started and the app installed on every portal, then (a), then (b).");
        var one = new List<Result>();
        var many = new List<Result>();
        foreach (var n in counts)
        {
            var (a, b) = await RunInstanceCountAsync(postgres, n, run);
            one.AddRange(a is null ? [] : [a]);
            many.AddRange(b is null ? [] : [b]);
        }

        if (one.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"## (a) One portal: {run.Deals} new deals in «Новый клиент», then one score of each changed (two events per deal)");
            Console.WriteLine($"Professional plan (2 req/s, burst 50), {run.Latency.TotalMilliseconds:0} ms latency. Deals are added and changed in batch calls of 50, paced by the app's shared request budget.");
            Console.WriteLine();
            Console.WriteLine($"| instances | deals | wall time | requests served (the app's) | the limit's floor | 503s | events lost | effects written | audited (task + admission) | duplicated | missing | {CpuColumn} |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            one.ForEach(r => Console.WriteLine(r.Row));
            Console.WriteLine();
            Console.WriteLine("Effects written: tasks found in the portal; admissions = crm.deal.update calls the app made. A deal starts not admitted (a boolean");
            Console.WriteLine("field reads 0 until set), so a deal whose two changes were read together needs no write or one; read apart, one or two.");
            Console.WriteLine("The limit's floor: the least time the portal's bucket lets that many requests through in (burst 50, then 2 a second).");
            Console.WriteLine(EventsLost);
            if (one.Count > 1)
            {
                Console.WriteLine($"Slowest N-instance run / one instance: {(one.Skip(1).Max(r => r.Wall.TotalSeconds) / one[0].Wall.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture)}×.");
            }
        }

        if (many.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"## (b) {run.Portals} portals × {run.Changes} new deals each, all at once");
            Console.WriteLine($"Professional plan, {run.Latency.TotalMilliseconds:0} ms latency; each deal owes a task and an admission. Throughput = deals done / wall time.");
            Console.WriteLine();
            Console.WriteLine($"| instances | portals × deals | wall time | throughput | vs. first row | requests served (the app's) | 503s | events lost | effects written | duplicated | missing | {CpuColumn} |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            many.ForEach(r => Console.WriteLine(r.Row.Replace("{speed-up}", (r.Throughput / many[0].Throughput).ToString("0.00", CultureInfo.InvariantCulture) + "×", StringComparison.Ordinal)));
            Console.WriteLine();
            Console.WriteLine($"The machine has {Environment.ProcessorCount} cores for the instances, PostgreSQL, the sandbox portals and the proxy together (and whatever else runs on it):");
            Console.WriteLine("once they are busy, more instances only share the same cores. The CPU column splits the cores' time over the run.");
            Console.WriteLine(EventsLost);
        }

        var ok = one.Concat(many).All(r => r.Passed);
        Console.WriteLine();
        Console.WriteLine($"Load average {MachineLoad.LoadAverage} at the end. {(ok ? "Every effect exactly once." : "FAILED: duplicated or missing effects, or a run that did not finish (see above).")}");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// One instance count: a new database and new portals (one for (a), <see cref="Settings.Portals"/> for (b)), one
    /// cluster serving them all, the app installed on each; then (a), then (b). Sharing the cluster between the two
    /// scenarios spares a start of every instance and an install round, which is most of a quick run.
    /// </summary>
    private static async Task<(Result? One, Result? Many)> RunInstanceCountAsync(PostgresServer postgres, int n, Settings run)
    {
        var clientId = ClientId();
        var setup = Stopwatch.StartNew();
        var portals = await Task.WhenAll(Enumerable.Range(0, (run.Deals > 0 ? 1 : 0) + run.Portals).Select(i => ScalePortal.StartAsync(i, clientId, ClientSecret, TimeSpan.Zero)));
        try
        {
            await using var cluster = await AppCluster.StartAsync(postgres, portals, n);
            var up = setup.Elapsed;
            using (var installs = new SemaphoreSlim(4))
            {
                await Task.WhenAll(portals.Select(async p =>
                {
                    await installs.WaitAsync();
                    try
                    {
                        await p.InstallAsync(cluster.InstallUrl, cluster.Store);
                    }
                    finally
                    {
                        installs.Release();
                    }
                }));
            }

            foreach (var p in portals)
            {
                await p.Sandbox.WaitForEventsAsync();
                p.Sandbox.Faults.Latency = run.Latency;
                p.Sandbox.ResetStats();
            }

            Console.WriteLine($"- {n} instance(s) and {portals.Length} portal(s) started in {Seconds(up)}, the app installed on them in {Seconds(setup.Elapsed - up)}; load average {MachineLoad.LoadAverage}");
            if (run.Idle > TimeSpan.Zero)
            {
                // What the instances cost with nothing to do (timers, polling the store's queue, leases): the overhead
                // each added instance brings whatever the load.
                var idle = new MachineLoad(() => Cpu(cluster), postgres.DataDirectory);
                await Task.Delay(run.Idle);
                Console.WriteLine($"  idle for {Seconds(run.Idle)}, CPU s: {idle.Breakdown()}");
            }

            var one = run.Deals > 0 ? await OnePortalAsync(cluster, portals[0], n, run, postgres.DataDirectory) : null;
            var many = run.Portals > 0 ? await ManyPortalsAsync(cluster, portals[(run.Deals > 0 ? 1 : 0)..], n, run, postgres.DataDirectory) : null;
            return (one, many);
        }
        finally
        {
            await Task.WhenAll(portals.Select(p => p.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Scenario (a): one portal, two changes per deal, bounded by the portal's request limit.</summary>
    private static async Task<Result> OnePortalAsync(AppCluster cluster, ScalePortal portal, int n, Settings run, string postgresData)
    {
        var load = new MachineLoad(() => Cpu(cluster), postgresData);
        var clock = Stopwatch.StartNew();
        var ids = await portal.AddDealsAsync(run.Deals);
        await portal.FlipLastScoreAsync(ids);
        var done = await WaitUntilDoneAsync(cluster, [portal], run.Timeout);
        clock.Stop();
        var cpu = load.Breakdown();

        var count = portal.Count();
        var stats = portal.Sandbox.Stats;
        var audit = await cluster.Store.Audit.ListAsync(portal.MemberId, "deal", null, run.Deals * 6);
        var passed = done && count.ExactlyOnce;
        Console.WriteLine($"  (a) {Seconds(clock.Elapsed)}{(passed ? string.Empty : $": NOT exactly once{(done ? string.Empty : ", timed out")}. Last output:{Environment.NewLine}{cluster.Output()}")}");
        var row = Row(
            n.ToString(CultureInfo.InvariantCulture),
            run.Deals.ToString(CultureInfo.InvariantCulture),
            Seconds(clock.Elapsed) + (done ? string.Empty : " (timed out)"),
            $"{stats.Requests} ({stats.Requests - portal.OwnRequests})",
            Seconds(TimeSpan.FromSeconds(Math.Max(0, stats.Requests - Burst) / DrainPerSecond)),
            stats.QueryLimitExceeded.ToString(CultureInfo.InvariantCulture),
            stats.EventsFailed.ToString(CultureInfo.InvariantCulture),
            $"{count.Tasks} tasks, {stats.Methods.GetValueOrDefault("crm.deal.update") - run.Deals} admissions",
            $"{audit.Count(a => a.Action == "task")} + {audit.Count(a => a.Action == "setFields")}",
            count.Duplicated.ToString(CultureInfo.InvariantCulture),
            $"{count.Missing} ({count.WithoutTask} no task, {count.WrongAdmission} wrong admission)",
            cpu);
        return new Result(row, clock.Elapsed, 0, passed);
    }

    /// <summary>Scenario (b): many portals at once, bounded by CPU.</summary>
    private static async Task<Result> ManyPortalsAsync(AppCluster cluster, ScalePortal[] portals, int n, Settings run, string postgresData)
    {
        var load = new MachineLoad(() => Cpu(cluster), postgresData);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(portals.Select(p => p.AddDealsAsync(run.Changes)));
        var done = await WaitUntilDoneAsync(cluster, portals, run.Timeout);
        clock.Stop();
        var cpu = load.Breakdown();

        var count = portals.Select(p => p.Count()).Aggregate((a, b) => a + b);
        var stats = portals.Select(p => p.Sandbox.Stats).ToList();
        var requests = stats.Sum(s => s.Requests);
        var own = portals.Sum(p => p.OwnRequests);
        var throughput = portals.Length * run.Changes / clock.Elapsed.TotalSeconds;
        var passed = done && count.ExactlyOnce;
        Console.WriteLine($"  (b) {Seconds(clock.Elapsed)}{(passed ? string.Empty : $": NOT exactly once ({count.WithoutTask} without a task, {count.WrongAdmission} wrong admission){(done ? string.Empty : ", timed out")}. Last output:{Environment.NewLine}{cluster.Output()}")}");
        var row = Row(
            n.ToString(CultureInfo.InvariantCulture),
            $"{portals.Length} × {run.Changes}",
            Seconds(clock.Elapsed) + (done ? string.Empty : " (timed out)"),
            $"{throughput.ToString("0.0", CultureInfo.InvariantCulture)} deals/s",
            "{speed-up}",
            $"{requests} ({requests - own})",
            stats.Sum(s => s.QueryLimitExceeded).ToString(CultureInfo.InvariantCulture),
            stats.Sum(s => s.EventsFailed).ToString(CultureInfo.InvariantCulture),
            $"{count.Tasks} tasks, {stats.Sum(s => s.Methods.GetValueOrDefault("crm.deal.update"))} admissions",
            count.Duplicated.ToString(CultureInfo.InvariantCulture),
            count.Missing.ToString(CultureInfo.InvariantCulture),
            cpu);
        return new Result(row, clock.Elapsed, throughput, passed);
    }

    /// <summary>
    /// Waits until every portal has sent its events, the app has nothing accepted and unfinished, and every deal has its
    /// task and last admission in the portal; false after <paramref name="timeout"/>.
    /// </summary>
    private static async Task<bool> WaitUntilDoneAsync(AppCluster cluster, IReadOnlyList<ScalePortal> portals, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (portals.All(p => p.Sandbox.Stats is var s && s.EventsQueued == s.EventsDelivered + s.EventsFailed))
            {
                var backlog = await cluster.BacklogAsync();
                if (backlog.Inbox == 0 && backlog.Effects == 0 && portals.All(p => p.Count().Missing == 0))
                {
                    return true;
                }
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>A fresh OAuth app per run, so no run's portal can be mistaken for another's.</summary>
    private static string ClientId() => "app.scale." + Guid.NewGuid().ToString("N")[..12];

    private static TimeSpan Cpu(AppCluster cluster) => cluster.Instances.Aggregate(TimeSpan.Zero, (sum, i) => sum + i.Cpu);

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";


    /// <summary>The knobs of a scale run (<see cref="Deals"/> 0: no (a); <see cref="Portals"/> 0: no (b)).</summary>
    private sealed record Settings(int Deals, int Portals, int Changes, TimeSpan Latency, TimeSpan Timeout, TimeSpan Idle);

    /// <summary>One row of a scenario's table and what it measured.</summary>
    private sealed record Result(string Row, TimeSpan Wall, double Throughput, bool Passed);
}
