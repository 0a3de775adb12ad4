using System.Diagnostics;
using System.Globalization;
using System.Net;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Testing;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// The function app on the local host with a SQLite store (the embedded default), installed on a sandbox portal by the
/// sandbox acting as the marketplace — the production path over loopback HTTP.
/// <list type="bullet">
/// <item><c>events</c>: a closed-loop load driver posts signed <c>ONCRMDEALUPDATE</c> events to
/// <c>/api/bitrix24/events</c> and prints acknowledgement throughput and latency percentiles, then checks that every
/// acknowledged event is in the store. Options: <c>--events N</c> (10000), <c>--concurrency C</c> (16).</item>
/// <item><c>e2e</c>: 1,000 deals get their five test scores in 20 batch requests (a mass edit); the portal sends an
/// event per deal; the time until the app has computed and written back every admission, with the portal limited to
/// 2 req/s and burst 50. Options: <c>--deals N</c> (1000), <c>--latency-ms N</c> (50).</item>
/// </list>
/// Exit 1 when anything is lost, refused or left unprocessed.
/// </summary>
internal static class FunctionAppBenchmark
{
    private static readonly string[] Scores = ["UF_CRM_TEST_KOAP", "UF_CRM_TEST_SAFETY", "UF_CRM_TEST_VEHICLE", "UF_CRM_TEST_FIRST_AID", "UF_CRM_TEST_RULES"];

    public static async Task<int> EventsAsync(string[] args)
    {
        var total = Options.Int(args, "--events", 10_000);
        var concurrency = Options.Int(args, "--concurrency", 16);
        var rate = Options.Int(args, "--rate", 500);
        var seconds = Options.Int(args, "--seconds", 20);
        await using var setup = await Setup.StartAsync(new Bitrix24SandboxOptions(), seedDeals: 0);
        using var http = NewClient(setup.AppUrl, 256);
        var warmup = Math.Min(500, total / 10);
        Console.WriteLine($"Signed ONCRMDEALUPDATE events to {setup.AppUrl}api/bitrix24/events; local host, SQLite store, the worker draining them meanwhile.");
        Console.WriteLine("The events name deals the portal does not have, so the app's own writes cause no further events and every event sent is one inbox row.");
        await SaturateAsync(http, setup, 0, warmup, concurrency);

        // Open loop at a fixed rate: latency counts from when each event was due, so a stall is not hidden by the driver waiting.
        var sent = warmup;
        var paced = await PaceAsync(http, setup, sent, rate, seconds);
        sent += rate * seconds;

        // Closed loop: as fast as the connections go, for the most the app can acknowledge.
        var clock = Stopwatch.StartNew();
        var saturated = await SaturateAsync(http, setup, sent, total, concurrency);
        clock.Stop();
        sent += total;

        var stored = (await setup.Store.Inbox.CountAsync(setup.MemberId)).Values.Sum();
        Console.WriteLine();
        Console.WriteLine("| load | events | throughput | p50 | p90 | p99 | max | non-200 answers | duplicates |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(Row($"open loop, {rate}/s for {seconds} s", paced, rate));
        Console.WriteLine(Row($"closed loop, {concurrency} connections", saturated, total / clock.Elapsed.TotalSeconds));
        Console.WriteLine();
        Console.WriteLine($"Stored in the inbox: {stored} of {sent} acknowledged events (warm-up included).");
        return paced.Failures + paced.Duplicates + saturated.Failures + saturated.Duplicates == 0 && stored == sent ? 0 : 1;
    }

    private static string Row(string load, Drive drive, double throughput)
    {
        var sorted = drive.Latencies.Order().ToArray();
        return $"| {load} | {sorted.Length} | {throughput.ToString("0", CultureInfo.InvariantCulture)} events/s | {Ms(Percentile(sorted, 0.50))} | {Ms(Percentile(sorted, 0.90))} | "
            + $"{Ms(Percentile(sorted, 0.99))} | {Ms(sorted[^1])} | {drive.Failures} | {drive.Duplicates} |";
    }

    public static async Task<int> EndToEndAsync(string[] args)
    {
        var count = Options.Int(args, "--deals", 1_000);
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50));
        await using var setup = await Setup.StartAsync(new Bitrix24SandboxOptions { Burst = 50, DrainPerSecond = 2 }, seedDeals: 0);
        var pipeline = (await setup.Portal.Crm.Categories.ListAsync(CategoryService.DealEntityTypeId)).Single(c => c.Name == "Новый клиент").Id;
        var ids = setup.Sandbox.SeedDeals(count, pipeline);
        setup.Sandbox.Faults.Latency = latency;
        await WaitForIdleAsync(setup.Sandbox);
        Console.WriteLine($"{count} deals in «Новый клиент» get all five test scores in batch requests of 50 (a mass edit); the portal sends an event per deal.");
        Console.WriteLine($"Portal limited to 2 req/s, burst 50, latency {latency.TotalMilliseconds:0} ms; the app computes admission (seed 000) and writes it back.");
        setup.Sandbox.ResetStats();

        var clock = Stopwatch.StartNew();
        var commands = ids.Select(id => new BatchCommand(
            "d" + id.ToString(CultureInfo.InvariantCulture),
            "crm.deal.update",
            new JObject { ["id"] = id, ["fields"] = new JObject(Scores.Select(s => new JProperty(s, 90))) })).ToList();
        // The edit goes through the app's own request budget in the store, as a second instance of the app would send it:
        // the portal's bucket is one, so whoever shares it must pace together (a webhook on its own budget would not).
        var (editor, _) = await SandboxInstallation.InstallAsync(setup.Sandbox, new Bitrix24ClientOptions { RequestBudget = setup.Store.RequestBudget, RateLimit = RateLimit.Standard });
        using (editor)
        {
            (await editor.BatchAsync(commands)).EnsureSuccess();
        }

        var edits = (count + 49) / 50;

        var admitted = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            var audited = await setup.Store.Audit.ListAsync(setup.MemberId, "deal", null, count * 4);
            admitted = audited.Where(a => a.Action == "setFields").Select(a => a.ItemId).Distinct().Count();
            var pending = (await setup.Store.Inbox.CountAsync(setup.MemberId)).GetValueOrDefault(InboxStatus.Pending);
            if (admitted >= count && pending == 0)
            {
                break;
            }

            await Task.Delay(100);
        }

        clock.Stop();
        await WaitForIdleAsync(setup.Sandbox);
        var stats = setup.Sandbox.Stats;
        var deals = setup.Sandbox.State()["items"]!["deal"]!.Children<JObject>().Where(d => d.Value<int>("CATEGORY_ID") == pipeline).ToList();
        var inPortal = deals.Count(d => d["UF_CRM_TEST_ADMISSION"]?.ToString() is "1" or "Y");
        var inbox = await setup.Store.Inbox.CountAsync(setup.MemberId);
        Console.WriteLine();
        Console.WriteLine("| deals | wall time | admissions written (portal) | app requests | of them batches | 503s | events received | failed inbox items |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(
            $"| {count} | {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s | {inPortal} | {stats.Requests - edits} | {stats.Batches - edits} | {stats.QueryLimitExceeded} | "
            + $"{inbox.Values.Sum()} | {inbox.GetValueOrDefault(InboxStatus.Failed)} |");
        Console.WriteLine($"One request per event would need at least {count * 2} requests (read + write): {TimeSpan.FromSeconds((count * 2 - 50) / 2.0).TotalMinutes:0} min at 2 req/s.");
        return inPortal == count && stats.QueryLimitExceeded == 0 && inbox.GetValueOrDefault(InboxStatus.Failed) == 0 ? 0 : 1;
    }

    /// <summary><paramref name="count"/> events from <paramref name="connections"/> senders, each sending its next as soon as it has an answer.</summary>
    private static async Task<Drive> SaturateAsync(HttpClient http, Setup setup, int from, int count, int connections)
    {
        var next = from - 1;
        var end = from + count;
        var drive = new Drive(count);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < end)
            {
                await SendAsync(http, setup, i, Stopwatch.GetTimestamp(), drive, i - from);
            }
        })));
        return drive;
    }

    /// <summary><paramref name="rate"/> events a second for <paramref name="seconds"/>, each sent when due whatever the others do.</summary>
    private static async Task<Drive> PaceAsync(HttpClient http, Setup setup, int from, int rate, int seconds)
    {
        var count = rate * seconds;
        var drive = new Drive(count);
        var sends = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var n = 0; n < count; n++)
        {
            var due = start + (long)(n * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var slot = n;
            sends.Add(Task.Run(() => SendAsync(http, setup, from + slot, due, drive, slot)));
        }

        await Task.WhenAll(sends);
        return drive;
    }

    private static async Task SendAsync(HttpClient http, Setup setup, int i, long due, Drive drive, int slot)
    {
        // Deal ids beyond anything the portal holds (see EventsAsync); ts makes every event a distinct one.
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $"event=ONCRMDEALUPDATE&event_handler_id=3&data%5BFIELDS%5D%5BID%5D={50_000_000 + i % 5_000}&ts={1_800_000_000 + i}&auth%5Bdomain%5D={setup.Domain}&auth%5Bmember_id%5D={setup.MemberId}&auth%5Bapplication_token%5D={Uri.EscapeDataString(setup.ApplicationToken)}");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PostAsync(new Uri("api/bitrix24/events", UriKind.Relative), content);
        var answer = await response.Content.ReadAsStringAsync();
        drive.Latencies[slot] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Interlocked.Increment(ref drive.Failures);
        }
        else if (answer.Contains("\"duplicate\":true", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref drive.Duplicates);
        }
    }

    private static HttpClient NewClient(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static async Task WaitForIdleAsync(Bitrix24Sandbox sandbox)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await sandbox.WaitForEventsAsync(timeout.Token);
    }

    private sealed class Drive(int count)
    {
        public double[] Latencies { get; } = new double[count];

#pragma warning disable SA1401, CA1051 // Counted with Interlocked by the senders.
        public int Failures;

        public int Duplicates;
#pragma warning restore SA1401, CA1051
    }

    /// <summary>A sandbox portal and the app on the local host in this process, installed, with its own store.</summary>
    internal sealed class Setup : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string _directory;

        private Setup(Bitrix24Sandbox sandbox, WebApplication app, string directory, Uri appUrl, IReadOnlyList<int> dealIds)
        {
            Sandbox = sandbox;
            _app = app;
            _directory = directory;
            AppUrl = appUrl;
            DealIds = dealIds;
            Portal = Bitrix24Client.ForWebhook(sandbox.WebhookUrl, new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), RateLimit = RateLimit.Standard });
            Store = StoreFactory.Create(new StoreOptions { ConnectionString = Path.Combine(directory, "store.db") });
        }

        public Bitrix24Sandbox Sandbox { get; }

        public Uri AppUrl { get; }

        public IReadOnlyList<int> DealIds { get; }

        public Bitrix24Client Portal { get; }

        /// <summary>The app's store opened alongside it (SQLite allows it), for counting.</summary>
        public IStore Store { get; }

        public string MemberId => Sandbox.App.MemberId;

        public string Domain => Sandbox.BaseUrl.Authority;

        public string ApplicationToken { get; private set; } = string.Empty;

        public static async Task<Setup> StartAsync(Bitrix24SandboxOptions portal, int seedDeals, string template = "driving-school")
        {
            var sandbox = await Bitrix24Sandbox.StartAsync(portal);
            var deals = sandbox.SeedDeals(seedDeals);
            var directory = Directory.CreateTempSubdirectory("crmc-bench-").FullName;
            var url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
            var app = await FunctionApp.BuildLocalAsync([
                $"--LocalHost:Url={url}",
                $"--ConnectionStrings:Store={Path.Combine(directory, "store.db")}",
                $"--Bitrix24:ClientId={sandbox.App.ClientId}",
                $"--Bitrix24:ClientSecret={sandbox.App.ClientSecret}",
                $"--Bitrix24:TokenEndpoint={sandbox.TokenEndpoint.AbsoluteUri}",
                $"--Bitrix24:PortalDomains:0={sandbox.BaseUrl.Authority}",
                $"--Bitrix24:DefaultTemplate={template}",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            var setup = new Setup(sandbox, app, directory, new Uri(url + "/"), deals);
            var install = await sandbox.InstallAppAsync(new Uri(setup.AppUrl, "api/bitrix24/install"));
            if (!install.Succeeded)
            {
                throw new InvalidOperationException($"Install failed: {string.Join("; ", install.Posts.Select(p => $"{p.Name} {p.StatusCode} {p.Body}"))}");
            }

            setup.ApplicationToken = install.ApplicationToken;
            return setup;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            await Store.DisposeAsync();
            Portal.Dispose();
            await Sandbox.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }
}
