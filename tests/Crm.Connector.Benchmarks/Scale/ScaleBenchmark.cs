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
/// needs the cores to run them; the table prints how busy the machine was and how much CPU the instances used.</item>
/// </list>
/// Options: <c>--instances 1,2,4</c>, <c>--deals 1000</c>, <c>--portals 100</c>, <c>--changes 100</c>,
/// <c>--latency-ms 50</c>, <c>--scenario a|b|ab</c>, <c>--timeout-s 600</c> (per run), <c>--quick</c> (1,2 instances,
/// 100 deals, 4 portals × 20: a smoke run for CI). Exit 1 on any duplicated or missing effect (or a run that did not
/// finish), 2 when PostgreSQL's binaries are not installed.
/// </summary>
internal static class ScaleBenchmark
{
    private const string ClientSecret = "scale-benchmark-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = Options.Flag(args, "--quick");
        var counts = Options.Ints(args, "--instances", quick ? [1, 2] : [1, 2, 4]);
        var deals = Options.Int(args, "--deals", quick ? 100 : 1_000);
        var portals = Options.Int(args, "--portals", quick ? 4 : 100);
        var changes = Options.Int(args, "--changes", quick ? 20 : 100);
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50));
        var scenarios = Options.Text(args, "--scenario", "ab");
        var timeout = TimeSpan.FromSeconds(Options.Int(args, "--timeout-s", quick ? 120 : 600));
        if (PostgresServer.Unavailable is { } unavailable)
        {
            Console.Error.WriteLine($"scale needs PostgreSQL: {unavailable}");
            return 2;
        }

        _ = AppInstance.Assembly;
        var postgres = await PostgresServer.GetAsync();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage} at start. PostgreSQL in {postgres.Root}; app: {AppInstance.Assembly}");
        var ok = true;
        if (scenarios.Contains('a', StringComparison.Ordinal))
        {
            ok &= await OnePortalAsync(postgres, counts, deals, latency, timeout);
        }

        if (scenarios.Contains('b', StringComparison.Ordinal))
        {
            ok &= await ManyPortalsAsync(postgres, counts, portals, changes, latency, timeout);
        }

        Console.WriteLine();
        Console.WriteLine($"Load average {MachineLoad.LoadAverage} at the end. {(ok ? "Every effect exactly once." : "FAILED: duplicated or missing effects, or a run that did not finish (see above).")}");
        return ok ? 0 : 1;
    }

    /// <summary>Scenario (a): one portal, two changes per deal, bounded by the portal's request limit.</summary>
    private static async Task<bool> OnePortalAsync(PostgresServer postgres, IReadOnlyList<int> counts, int deals, TimeSpan latency, TimeSpan timeout)
    {
        Console.WriteLine();
        Console.WriteLine($"## (a) One portal: {deals} new deals in «Новый клиент», then one score of each changed (two events per deal)");
        Console.WriteLine($"Professional plan (2 req/s, burst 50), {latency.TotalMilliseconds:0} ms latency. Deals are added and changed in batch calls of 50, paced by the app's shared request budget.");
        var rows = new List<string>();
        var walls = new List<double>();
        var ok = true;
        foreach (var n in counts)
        {
            var setup = Stopwatch.StartNew();
            await using var portal = await ScalePortal.StartAsync(0, ClientId(), ClientSecret, TimeSpan.Zero);
            await using var cluster = await AppCluster.StartAsync(postgres, [portal], n);
            var started = setup.Elapsed;
            await portal.InstallAsync(cluster.InstallUrl, cluster.Store);
            await portal.Sandbox.WaitForEventsAsync();
            Console.WriteLine($"- {n} instance(s) started in {Seconds(started)}, app installed in {Seconds(setup.Elapsed - started)}; load average {MachineLoad.LoadAverage}");
            portal.Sandbox.Faults.Latency = latency;
            portal.Sandbox.ResetStats();

            var load = new MachineLoad();
            var clock = Stopwatch.StartNew();
            var ids = await portal.AddDealsAsync(deals);
            await portal.FlipLastScoreAsync(ids);
            var done = await WaitUntilDoneAsync(cluster, [portal], timeout);
            clock.Stop();
            var cpu = Cpu(cluster);
            var busy = load.Busy;

            var count = portal.Count();
            var stats = portal.Sandbox.Stats;
            var audit = await cluster.Store.Audit.ListAsync(portal.MemberId, "deal", null, deals * 6);
            var admissionWrites = stats.Methods.GetValueOrDefault("crm.deal.update") - deals;
            ok &= done && count.ExactlyOnce;
            walls.Add(clock.Elapsed.TotalSeconds);
            rows.Add(Row(
                n.ToString(CultureInfo.InvariantCulture),
                deals.ToString(CultureInfo.InvariantCulture),
                Seconds(clock.Elapsed) + (done ? string.Empty : " (timed out)"),
                $"{stats.Requests} ({stats.Requests - portal.OwnRequests})",
                stats.QueryLimitExceeded.ToString(CultureInfo.InvariantCulture),
                $"{count.Tasks} tasks, {admissionWrites} admissions",
                $"{audit.Count(a => a.Action == "task")} + {audit.Count(a => a.Action == "setFields")}",
                count.Duplicated.ToString(CultureInfo.InvariantCulture),
                $"{count.Missing} ({count.WithoutTask} no task, {count.WrongAdmission} wrong admission)",
                Seconds(cpu),
                Percent(busy)));
            if (!done || !count.ExactlyOnce)
            {
                Console.WriteLine($"Run with {n} instance(s) did not end exactly once. Last output:\n{cluster.Output()}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("| instances | deals | wall time | requests served (the app's) | 503s | effects written | audited (task + admission) | duplicated | missing | app CPU | machine busy |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Effects written: tasks found in the portal; admissions = crm.deal.update calls the app made (one or two per deal: two when it saw the changes apart).");
        if (walls.Count > 1)
        {
            Console.WriteLine($"Slowest N-instance run / one instance: {(walls.Skip(1).Max() / walls[0]).ToString("0.00", CultureInfo.InvariantCulture)}× (the portal's 2 req/s bounds every count alike).");
        }

        return ok;
    }

    /// <summary>Scenario (b): many portals at once, bounded by CPU.</summary>
    private static async Task<bool> ManyPortalsAsync(PostgresServer postgres, IReadOnlyList<int> counts, int portals, int changes, TimeSpan latency, TimeSpan timeout)
    {
        Console.WriteLine();
        Console.WriteLine($"## (b) {portals} portals × {changes} new deals each, all at once");
        Console.WriteLine($"Professional plan, {latency.TotalMilliseconds:0} ms latency; each deal owes a task and an admission. Throughput = deals done / wall time.");
        var rows = new List<string>();
        var ok = true;
        double? baseline = null;
        foreach (var n in counts)
        {
            var clientId = ClientId();
            var setup = Stopwatch.StartNew();
            var started = await Task.WhenAll(Enumerable.Range(0, portals).Select(i => ScalePortal.StartAsync(i, clientId, ClientSecret, TimeSpan.Zero)));
            try
            {
                await using var cluster = await AppCluster.StartAsync(postgres, started, n);
                var up = setup.Elapsed;
                using (var installs = new SemaphoreSlim(4))
                {
                    await Task.WhenAll(started.Select(async p =>
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

                foreach (var p in started)
                {
                    await p.Sandbox.WaitForEventsAsync();
                    p.Sandbox.Faults.Latency = latency;
                    p.Sandbox.ResetStats();
                }

                Console.WriteLine($"- {n} instance(s) and {portals} portals started in {Seconds(up)}, app installed on them in {Seconds(setup.Elapsed - up)}; load average {MachineLoad.LoadAverage}");

                var load = new MachineLoad();
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(started.Select(p => p.AddDealsAsync(changes)));
                var done = await WaitUntilDoneAsync(cluster, started, timeout);
                clock.Stop();
                var cpu = Cpu(cluster);
                var busy = load.Busy;

                var count = started.Select(p => p.Count()).Aggregate((a, b) => a + b);
                var stats = started.Select(p => p.Sandbox.Stats).ToList();
                var requests = stats.Sum(s => s.Requests);
                var own = started.Sum(p => p.OwnRequests);
                var throughput = portals * changes / clock.Elapsed.TotalSeconds;
                baseline ??= throughput;
                ok &= done && count.ExactlyOnce;
                rows.Add(Row(
                    n.ToString(CultureInfo.InvariantCulture),
                    $"{portals} × {changes}",
                    Seconds(clock.Elapsed) + (done ? string.Empty : " (timed out)"),
                    $"{throughput.ToString("0.0", CultureInfo.InvariantCulture)} deals/s",
                    (throughput / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) + "×",
                    $"{requests} ({requests - own})",
                    stats.Sum(s => s.QueryLimitExceeded).ToString(CultureInfo.InvariantCulture),
                    $"{count.Tasks} tasks, {stats.Sum(s => s.Methods.GetValueOrDefault("crm.deal.update"))} admissions",
                    count.Duplicated.ToString(CultureInfo.InvariantCulture),
                    count.Missing.ToString(CultureInfo.InvariantCulture),
                    Seconds(cpu),
                    Percent(busy)));
                if (!done || !count.ExactlyOnce)
                {
                    Console.WriteLine($"Run with {n} instance(s) did not end exactly once ({count.WithoutTask} without a task, {count.WrongAdmission} wrong admission). Last output:\n{cluster.Output()}");
                }
            }
            finally
            {
                await Task.WhenAll(started.Select(p => p.DisposeAsync().AsTask()));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| instances | portals × deals | wall time | throughput | vs. first row | requests served (the app's) | 503s | effects written | duplicated | missing | app CPU | machine busy |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"The machine has {Environment.ProcessorCount} cores for the instances, PostgreSQL, the sandbox portals and the proxy together (and whatever else runs on it):");
        Console.WriteLine("once it is busy near 100%, more instances only share the same cores; «app CPU» is what the instances used between them.");
        return ok;
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

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
