using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Testing;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// <c>faults</c>: the long version of the fault suite the end-to-end tests run in small. Each fault hits a burst of new
/// driving-school deals (seed 000: one task and an admission each) on a scaled-out app — instances as processes on one
/// PostgreSQL behind the proxy — and the run counts, in the portal, what was sent, written, duplicated and missing:
/// <list type="bullet">
/// <item><c>kill</c>: the instance holding the portal's work is SIGKILLed three times right after the portal ran one of
/// its writes (a task, an admission, a task), each time replaced by a new one.</item>
/// <item><c>scale</c>: instances started and stopped (SIGTERM) while the burst is worked on.</item>
/// <item><c>postgres</c>: PostgreSQL restarted (<c>pg_ctl restart</c>) mid-run.</item>
/// <item><c>errors</c>: the portal answers a share of REST calls 500 for a while.</item>
/// <item><c>token-down</c>: the OAuth token endpoint is down while every access token has expired.</item>
/// <item><c>expiry</c>: every access token expires mid-run, and again right after the app refreshed (within a second when
/// the app is busy).</item>
/// <item><c>uninstall</c>: the app is uninstalled mid-burst: what was done stays done once, nothing is sent after, and
/// the app's backlog is closed (deals without effects are expected here, not missing).</item>
/// </list>
/// Options: <c>--deals 200</c>, <c>--instances 2</c>, <c>--latency-ms 50</c>, <c>--only kill,postgres,…</c>,
/// <c>--window-s 8</c> (how long 500s and the token endpoint outage last), <c>--timeout-s 240</c> (per fault),
/// <c>--quick</c> (40 deals, 4 s windows). Exit 1 on a duplicate, on a missing effect where one is owed, or on a fault
/// whose run did not settle; 2 when PostgreSQL's binaries are not installed.
/// </summary>
internal static class FaultsBenchmark
{
    private const string ClientSecret = "faults-benchmark-secret";

    /// <summary>
    /// Short leases and retries (as the end-to-end harness uses), so a dead instance's portal is taken over in seconds
    /// rather than the production half-minute; attempts stay at the production five.
    /// </summary>
    private static readonly Dictionary<string, string> WorkerSettings = new()
    {
        ["Worker__Lease"] = "00:00:03",
        ["Worker__PortalLease"] = "00:00:10",
        ["Worker__Coalesce"] = "00:00:00.050",
        ["Worker__RetryAfter"] = "00:00:02",
        ["Worker__StalledAfter"] = "00:00:01",
    };

    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = Options.Flag(args, "--quick");
        var settings = new Settings(
            Options.Int(args, "--deals", quick ? 40 : 200),
            Options.Int(args, "--instances", 2),
            TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50)),
            TimeSpan.FromSeconds(Options.Int(args, "--window-s", quick ? 4 : 8)),
            TimeSpan.FromSeconds(Options.Int(args, "--timeout-s", 240)));
        var faults = new (string Name, string What, bool AllOwed, Func<FaultRun, Task<string>> Inflict)[]
        {
            ("kill", "SIGKILL ×3 of the writing instance", true, KillThreeTimesAsync),
            ("scale", "instances started and stopped mid-run", true, ScaleInAndOutAsync),
            ("postgres", "PostgreSQL restarted mid-run", true, RestartPostgresAsync),
            ("errors", "portal answers 30% of calls 500", true, PortalErrorsAsync),
            ("token-down", "token endpoint down, tokens expired", true, TokenEndpointDownAsync),
            ("expiry", "tokens expired twice within a second", true, ExpireTwiceAsync),
            ("uninstall", "uninstalled during the burst", false, UninstallAsync),
        };
        var only = Options.Text(args, "--only", string.Join(',', faults.Select(f => f.Name))).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (only.FirstOrDefault(o => faults.All(f => f.Name != o)) is { } unknown)
        {
            Console.Error.WriteLine($"Unknown fault {unknown}; known: {string.Join(", ", faults.Select(f => f.Name))}.");
            return 2;
        }

        if (PostgresServer.Unavailable is { } unavailable)
        {
            Console.Error.WriteLine($"faults needs PostgreSQL: {unavailable}");
            return 2;
        }

        _ = AppInstance.Assembly;
        var postgres = await PostgresServer.GetAsync();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage}. {settings.Deals} new deals per fault, {settings.Instances} instances on PostgreSQL behind the proxy, "
            + $"professional plan, {settings.Latency.TotalMilliseconds:0} ms latency. Each deal owes one task and its admission.");
        var rows = new List<string>();
        var ok = true;
        foreach (var fault in faults.Where(f => only.Contains(f.Name)))
        {
            Console.WriteLine($"- {fault.Name}: {fault.What}…");
            var (row, passed) = await RunFaultAsync(postgres, settings, fault.Name, fault.What, fault.AllOwed, fault.Inflict);
            rows.Add(row);
            ok &= passed;
        }

        Console.WriteLine();
        Console.WriteLine("| fault | sent (deals) | written (tasks + admissions) | duplicated | missing | settled in | 503s | what happened |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Written: tasks found in the portal + crm.deal.update calls the app made. An update is repeatable, so one sent again after a kill or");
        Console.WriteLine("a lost answer adds a call, not an effect; a task is not, so duplicated counts deals with more than one task.");
        Console.WriteLine(ok ? "Every fault: each effect once, none missing where owed." : "FAILED: see the rows above.");
        return ok ? 0 : 1;
    }

    private static async Task<(string Row, bool Passed)> RunFaultAsync(PostgresServer postgres, Settings settings, string name, string what, bool allOwed, Func<FaultRun, Task<string>> inflict)
    {
        await using var portal = await ScalePortal.StartAsync(0, "app.faults." + Guid.NewGuid().ToString("N")[..12], ClientSecret, TimeSpan.Zero);
        await using var tokens = await RoundRobinProxy.StartAsync(portal.Sandbox.BaseUrl);
        var environment = new Dictionary<string, string>(WorkerSettings) { ["Bitrix24__TokenEndpoint"] = new Uri(tokens.Url, "oauth/token/").AbsoluteUri };
        await using var cluster = await AppCluster.StartAsync(postgres, [portal], name == "scale" ? 1 : settings.Instances, environment);
        await portal.InstallAsync(cluster.InstallUrl, cluster.Store);
        await portal.Sandbox.WaitForEventsAsync();
        portal.Sandbox.Faults.Latency = settings.Latency;
        portal.Sandbox.ResetStats();

        var clock = Stopwatch.StartNew();
        string note;
        var inflicted = true;
        try
        {
            note = await inflict(new FaultRun(postgres, cluster, portal, tokens, settings));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or DbException)
        {
            // A fault that never happened tested nothing: the run fails rather than report a pass it did not earn.
            note = "NOT INFLICTED: " + e.Message;
            inflicted = false;
        }

        var settled = await SettleAsync(cluster, portal, allOwed, settings.Timeout);
        clock.Stop();
        var count = portal.Count();
        var stats = portal.Sandbox.Stats;
        var admissions = stats.Methods.GetValueOrDefault("crm.deal.update");
        var passed = inflicted && settled && count.Duplicated == 0 && (!allOwed || count.Missing == 0);
        if (!passed)
        {
            Console.WriteLine($"  {name} did not end as it must. Last output:\n{cluster.Output()}");
        }

        var row = "| " + string.Join(" | ",
            $"{name}: {what}",
            count.Deals.ToString(CultureInfo.InvariantCulture),
            $"{count.Tasks} + {admissions}",
            count.Duplicated.ToString(CultureInfo.InvariantCulture),
            allOwed ? count.Missing.ToString(CultureInfo.InvariantCulture) : $"{count.Missing} (not owed after the uninstall)",
            clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" + (settled ? string.Empty : " (did not settle)"),
            stats.QueryLimitExceeded.ToString(CultureInfo.InvariantCulture),
            $"{note}; refreshes {stats.Refreshes} ({stats.RefreshFailures} refused), events failed {stats.EventsFailed}, proxy refused {cluster.Proxy.Refused}") + " |";
        return (row, passed);
    }

    /// <summary>Three kills, each of the instance that holds the portal's work, right after the portal ran its write.</summary>
    private static async Task<string> KillThreeTimesAsync(FaultRun run)
    {
        var plan = new[] { ("tasks.task.add", 4), ("crm.deal.update", 3), ("tasks.task.add", 7) };
        var killed = new List<string>();
        var next = Arm(run, plan[0].Item1, plan[0].Item2, killed);
        await run.Portal.AddDealsAsync(run.Settings.Deals);
        for (var k = 0; k < plan.Length; k++)
        {
            try
            {
                await next.WaitAsync(KillTimeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{killed.Count} of 3 kills done: the burst ended before {plan[k].Item1} #{plan[k].Item2} ({string.Join(", ", killed)})");
            }

            if (k + 1 < plan.Length)
            {
                next = Arm(run, plan[k + 1].Item1, plan[k + 1].Item2, killed);
            }

            await run.Cluster.AddInstanceAsync();
        }

        return "killed " + string.Join(", ", killed);
    }

    private static Task<SandboxMethodRun> Arm(FaultRun run, string method, int nth, List<string> killed) =>
        run.Portal.Sandbox.Faults.KillAfter(method, nth, () =>
        {
            var holder = run.Cluster.PortalHolder(run.Portal.MemberId) ?? run.Cluster.Instances[0];
            run.Cluster.Kill(holder);
            lock (killed)
            {
                killed.Add(string.Create(CultureInfo.InvariantCulture, $"#{holder.Number} after {method} #{nth}"));
            }
        });

    /// <summary>From one instance to three and down again while the burst is worked on (SIGTERM: a graceful scale-in).</summary>
    private static async Task<string> ScaleInAndOutAsync(FaultRun run)
    {
        await run.Portal.AddDealsAsync(run.Settings.Deals);
        var first = run.Cluster.Instances[0];
        await Task.Delay(TimeSpan.FromSeconds(1));
        var second = await run.Cluster.AddInstanceAsync();
        await run.Cluster.AddInstanceAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await run.Cluster.StopAsync(first);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await run.Cluster.AddInstanceAsync();
        await run.Cluster.StopAsync(second);
        return $"1 → 3 → 2 → 3 → 2 instances; started {run.Cluster.Instances.Max(i => i.Number)}, stopped 2";
    }

    /// <summary><c>pg_ctl restart</c> once a quarter of the tasks are written: every connection of every instance is cut.</summary>
    private static async Task<string> RestartPostgresAsync(FaultRun run)
    {
        await run.Portal.AddDealsAsync(run.Settings.Deals);
        var at = await WaitForTasksAsync(run, run.Settings.Deals / 4);
        var clock = Stopwatch.StartNew();
        await run.Postgres.RestartAsync();
        return $"restarted after {at} tasks, down {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }

    /// <summary>30% of the portal's REST answers are 500 (the method did not run) for the window.</summary>
    private static async Task<string> PortalErrorsAsync(FaultRun run)
    {
        await run.Portal.AddDealsAsync(run.Settings.Deals);
        run.Portal.Sandbox.Faults.ErrorRate = 0.3;
        await Task.Delay(run.Settings.Window);
        run.Portal.Sandbox.Faults.ErrorRate = 0;
        return $"{run.Portal.Sandbox.Stats.InjectedErrors} answers 500 over {run.Settings.Window.TotalSeconds:0} s";
    }

    /// <summary>Every access token expired while the token endpoint answers 503, for the window.</summary>
    private static async Task<string> TokenEndpointDownAsync(FaultRun run)
    {
        run.Tokens.Down = true;
        run.Portal.Sandbox.ExpireAccessTokens();
        await run.Portal.AddDealsAsync(run.Settings.Deals);
        await Task.Delay(run.Settings.Window);
        run.Tokens.Down = false;
        return $"token endpoint down {run.Settings.Window.TotalSeconds:0} s ({run.Tokens.Refused} token requests refused)";
    }

    /// <summary>
    /// Every access token expires once a quarter of the tasks are written, and again right after the app's first refresh:
    /// the pair it just got is stale within a second, while the other instance may still hold the one before.
    /// </summary>
    private static async Task<string> ExpireTwiceAsync(FaultRun run)
    {
        await run.Portal.AddDealsAsync(run.Settings.Deals);
        var at = await WaitForTasksAsync(run, run.Settings.Deals / 4);
        var refreshes = run.Portal.Sandbox.Stats.Refreshes;
        run.Portal.Sandbox.ExpireAccessTokens();
        var clock = Stopwatch.StartNew();
        while (run.Portal.Sandbox.Stats.Refreshes == refreshes)
        {
            if (clock.Elapsed > KillTimeout)
            {
                throw new TimeoutException($"the app did not refresh its tokens within {KillTimeout.TotalSeconds:0} s of their expiry");
            }

            await Task.Delay(10);
        }

        var gap = clock.Elapsed;
        run.Portal.Sandbox.ExpireAccessTokens();
        return $"expired after {at} tasks, and again {gap.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s later, right after the first refresh";
    }

    /// <summary>ONAPPUNINSTALL once a quarter of the tasks are written.</summary>
    private static async Task<string> UninstallAsync(FaultRun run)
    {
        await run.Portal.AddDealsAsync(run.Settings.Deals);
        var at = await WaitForTasksAsync(run, run.Settings.Deals / 4);
        var result = await run.Portal.Sandbox.UninstallAppAsync(run.Cluster.InstallUrl, clean: false);
        var writes = Writes(run);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = Writes(run) - writes;
        return $"uninstalled after {at} tasks (answered {string.Join(", ", result.Posts.Select(p => p.StatusCode))}); writes the portal ran in the 3 s after: {after}";
    }

    private static int Writes(FaultRun run)
    {
        var methods = run.Portal.Sandbox.Stats.Methods;
        return methods.GetValueOrDefault("tasks.task.add") + methods.GetValueOrDefault("crm.deal.update");
    }

    private static async Task<int> WaitForTasksAsync(FaultRun run, int tasks)
    {
        var clock = Stopwatch.StartNew();
        int done;
        while ((done = run.Portal.Sandbox.Stats.Methods.GetValueOrDefault("tasks.task.add")) < tasks)
        {
            if (clock.Elapsed > KillTimeout)
            {
                throw new TimeoutException($"only {done} of {tasks} tasks were written in {KillTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }

        return done;
    }

    /// <summary>
    /// Waits until the portal has sent its events and the app has nothing accepted and unfinished — and, when every deal
    /// is owed its effects, until each has them; false after <paramref name="timeout"/>. A store that is restarting
    /// counts as not settled yet.
    /// </summary>
    private static async Task<bool> SettleAsync(AppCluster cluster, ScalePortal portal, bool allOwed, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                var stats = portal.Sandbox.Stats;
                var backlog = await cluster.BacklogAsync();
                if (stats.EventsQueued == stats.EventsDelivered + stats.EventsFailed && backlog.Inbox == 0 && backlog.Effects == 0 && (!allOwed || portal.Count().Missing == 0))
                {
                    return true;
                }
            }
            catch (DbException)
            {
                // PostgreSQL is restarting; the pool drops the broken connection and the next poll opens a new one.
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>The knobs of a faults run.</summary>
    private sealed record Settings(int Deals, int Instances, TimeSpan Latency, TimeSpan Window, TimeSpan Timeout);

    /// <summary>What a fault acts on.</summary>
    private sealed record FaultRun(PostgresServer Postgres, AppCluster Cluster, ScalePortal Portal, RoundRobinProxy Tokens, Settings Settings);
}
