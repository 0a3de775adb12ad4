using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// How the client spends a portal's request budget (bitrix24-rest.md §12.1), each scenario on a fresh sandbox portal of
/// the plan (professional: burst 50, 2 req/s) with 50 ms latency: 1,000 and 3,000 updates by batch, 10,000 reads by id
/// ranges at once and by the sequential scan, then 100 calls at once on an idle portal and on a busy one — its bucket filled by another app just before.
/// Prints HTTP requests, 503 QUERY_LIMIT_EXCEEDED answers and wall time. A throwaway round runs first so that the figures
/// are not the JIT's. Options: <c>--latency-ms N</c>, <c>--plan NAME</c>, <c>--calls N</c>. Exit 1 when a scenario did
/// not finish its work.
/// </summary>
internal static class BurstBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50));
        var plan = Options.All(args, "--plan") is { Count: > 0 } plans ? plans[^1] : "professional";
        var calls = Options.Int(args, "--calls", 100);
        var limit = RateLimit.ForPlan(plan);

        await UpdatesAsync(plan, latency, 100);
        await ReadsAsync(plan, latency, 2_600, ranges: true);
        await ReadsAsync(plan, latency, 2_600, ranges: false);

        Console.WriteLine($"A sandbox portal per scenario, plan {plan} (burst {limit.Burst}, {limit.DrainPerSecond.ToString(CultureInfo.InvariantCulture)} req/s), latency {latency.TotalMilliseconds:0} ms; one client with its own budget");
        Console.WriteLine();
        Console.WriteLine("| scenario | HTTP requests | 503 answers | wall time |");
        Console.WriteLine("|---|---|---|---|");
        var runs = new[]
        {
            ("1,000 updates (batch)", await UpdatesAsync(plan, latency, 1_000)),
            ("10,000 reads (id ranges at once, `ReadAllAsync`)", await ReadsAsync(plan, latency, 10_000, ranges: true)),
            ("10,000 reads (scan, one request after another, `ScanAsync`)", await ReadsAsync(plan, latency, 10_000, ranges: false)),
            ("3,000 updates (batch)", await UpdatesAsync(plan, latency, 3_000)),
            ($"idle portal: {calls} calls at once", await CallsAsync(plan, latency, calls, busy: false)),
            ($"busy portal (bucket filled by another app): {calls} calls at once", await CallsAsync(plan, latency, calls, busy: true)),
        };

        foreach (var (name, run) in runs)
        {
            Console.WriteLine($"| {name} | {run.Requests} | {run.Rejected} | {(run.Done ? Seconds(run.Elapsed) : "FAILED")} |");
        }

        return runs.All(r => r.Item2.Done) ? 0 : 1;
    }

    private static Task<Run> UpdatesAsync(string plan, TimeSpan latency, int count) =>
        MeasureAsync(plan, latency, count, async (client, ids) =>
        {
            var commands = ids.Select(id => new BatchCommand($"u{id}", "crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = $"Сделка {id}" } })).ToList();
            var result = await client.BatchAsync(commands, order: BatchOrder.Independent);
            return result.AllSucceeded;
        });

    private static Task<Run> ReadsAsync(string plan, TimeSpan latency, int count, bool ranges) =>
        MeasureAsync(plan, latency, count, async (client, _) =>
        {
            string[] select = ["ID", "TITLE", "STAGE_ID"];
            var rows = 0;
            await foreach (var row in ranges ? client.Crm.Deals.ReadAllAsync(select: select) : client.Crm.Deals.ScanAsync(select: select))
            {
                rows++;
            }

            return rows == count;
        });

    private static Task<Run> CallsAsync(string plan, TimeSpan latency, int count, bool busy) =>
        MeasureAsync(plan, latency, count, async (client, ids) =>
        {
            var deals = await Task.WhenAll(ids.Select(id => client.Crm.Deals.GetAsync(id)));
            return deals.Length == count;
        }, busy);

    private static async Task<Run> MeasureAsync(string plan, TimeSpan latency, int deals, Func<Bitrix24Client, IReadOnlyList<int>, Task<bool>> work, bool busy = false)
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Plan = plan });
        var ids = sandbox.SeedDeals(deals);
        sandbox.Faults.Latency = latency;
        using var client = Bitrix24Client.ForWebhook(sandbox.WebhookUrl, new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), RateLimit = RateLimit.ForPlan(plan) });
        if (busy)
        {
            await FillBucketAsync(sandbox);
        }

        sandbox.ResetStats();
        var clock = Stopwatch.StartNew();
        var done = await work(client, ids);
        clock.Stop();
        var stats = sandbox.Stats;
        return new Run(done, stats.Requests, stats.QueryLimitExceeded, clock.Elapsed);
    }

    /// <summary>
    /// Another app on the same portal (bitrix24-rest.md §12.1: the budget is shared) spends it all: more requests at once
    /// than the bucket holds, without pacing, so that the last of them are refused and the bucket is full.
    /// </summary>
    private static async Task FillBucketAsync(Bitrix24Sandbox sandbox)
    {
        using var http = new HttpClient();
        var profile = new Uri(sandbox.WebhookUrl, "profile.json");
        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => http.PostAsync(profile, null)));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        if (sandbox.Stats.QueryLimitExceeded == 0)
        {
            throw new InvalidOperationException("The other app did not fill the bucket (no 503).");
        }
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private sealed record Run(bool Done, int Requests, int Rejected, TimeSpan Elapsed);
}
