using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// Reads every deal of a portal holding 10,000 (default) from a sandbox limited like a real one (2 req/s, burst 50,
/// optional latency), first by the client's batched id-keyset scan, then page by page as naive code does, and prints
/// HTTP requests, 503s and wall time of each. Options: <c>--deals N</c>, <c>--latency-ms N</c>, <c>--skip-naive</c>.
/// </summary>
internal static class ScanBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var deals = Options.Int(args, "--deals", 10_000);
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50));
        var naive = !args.Contains("--skip-naive");
        Console.WriteLine($"Reading {deals:N0} deals from a sandbox portal limited to 2 req/s, burst 50, latency {latency.TotalMilliseconds:0} ms");
        Console.WriteLine();
        Console.WriteLine("| method | rows read | HTTP requests | 503 answers | wall time |");
        Console.WriteLine("|---|---|---|---|---|");

        var fast = await MeasureAsync(deals, latency, client => client.Crm.Deals.ScanAsync(select: ["ID", "TITLE", "STAGE_ID"]));
        Print("batched id-keyset scan (crm-connector)", fast);
        if (naive)
        {
            var slow = await MeasureAsync(deals, latency, client => client.ListAsync("crm.deal.list", new JObject { ["order"] = new JObject { ["ID"] = "ASC" }, ["select"] = new JArray("ID", "TITLE", "STAGE_ID") }, ListShape.Legacy));
            Print("page by page with start= (naive)", slow);
        }

        return fast.Rows == deals ? 0 : 1;
    }

    private static async Task<(int Rows, int Requests, int Rejected, TimeSpan Elapsed)> MeasureAsync(int deals, TimeSpan latency, Func<Bitrix24Client, IAsyncEnumerable<JObject>> read)
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 50, DrainPerSecond = 2 });
        sandbox.SeedDeals(deals);
        sandbox.Faults.Latency = latency;
        sandbox.ResetStats();
        using var client = Bitrix24Client.ForWebhook(sandbox.WebhookUrl, new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), RateLimit = RateLimit.Standard });

        var clock = Stopwatch.StartNew();
        var rows = 0;
        await foreach (var _ in read(client))
        {
            rows++;
        }

        clock.Stop();
        var stats = sandbox.Stats;
        return (rows, stats.Requests, stats.QueryLimitExceeded, clock.Elapsed);
    }

    private static void Print(string method, (int Rows, int Requests, int Rejected, TimeSpan Elapsed) run) =>
        Console.WriteLine($"| {method} | {run.Rows:N0} | {run.Requests} | {run.Rejected} | {run.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s |");
}
