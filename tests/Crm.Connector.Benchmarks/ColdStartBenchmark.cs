using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Testing;
using Crm.Connector.Testing.WorkerHost;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// <c>coldstart</c>: how long a new instance takes from process start to its first acknowledged event — what decides
/// whether an event that wakes a cold instance is answered in time (Bitrix24 never re-sends one). The app is published
/// twice (ReadyToRun off, then on, as shipped) and each output is started <c>--runs N</c> times (5) against a store
/// where a sandbox portal has installed the app; every run posts a signed event until the first 200 — on the local host
/// (the published program started plainly), and as the isolated worker under a stand-in Functions host speaking the
/// worker protocol (process start → StartStream → metadata → functions loaded → the event's 200 through the host's
/// HTTP proxy). Prints the figures per variant. Exit 1 when a start never acknowledged the event.
/// </summary>
internal static class ColdStartBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Options.Int(args, "--runs", 5);
        var root = Directory.CreateTempSubdirectory("crmc-coldstart-").FullName;
        try
        {
            await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions());
            var variants = new List<(string Name, string Directory)>();
            foreach (var (name, readyToRun) in new[] { ("JIT (ReadyToRun off)", false), ("ReadyToRun (as shipped)", true) })
            {
                var output = Path.Combine(root, readyToRun ? "r2r" : "jit");
                Console.WriteLine($"Publishing {name}…");
                var (exitCode, log) = await ChildProcess.RunAsync(
                    DotNet.Host,
                    ["publish", Repository.PathOf("functions", "Crm.Connector.Functions"), "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(root, "artifacts-" + (readyToRun ? "r2r" : "jit")), "-nologo", $"-p:PublishReadyToRun={readyToRun}"],
                    TimeSpan.FromMinutes(15));
                if (exitCode != 0)
                {
                    Console.Error.WriteLine(log);
                    return 1;
                }

                variants.Add((name, output));
            }

            var store = Path.Combine(root, "store.db");
            var environment = Environment(sandbox, store);
            var token = await InstallAsync(sandbox, variants[^1].Directory, environment);
            Console.WriteLine();
            Console.WriteLine($"Local host, SQLite store, {runs} cold starts each: process start → first 200 to a signed ONCRMDEALUPDATE.");
            Console.WriteLine($"{"variant",-26} {"min ms",8} {"median ms",10} {"max ms",8}");
            var failed = false;
            foreach (var (name, directory) in variants)
            {
                var times = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    var ms = await FirstAcknowledgedAsync(sandbox, directory, environment, token, run);
                    if (ms is null)
                    {
                        failed = true;
                        continue;
                    }

                    times.Add(ms.Value);
                }

                times.Sort();
                Console.WriteLine(times.Count == 0
                    ? $"{name,-26} never acknowledged"
                    : string.Create(CultureInfo.InvariantCulture, $"{name,-26} {times[0],8:0} {times[times.Count / 2],10:0} {times[^1],8:0}"));
            }

            Console.WriteLine();
            Console.WriteLine($"Isolated worker under the stand-in Functions host, {runs} cold starts each (ms from process start).");
            Console.WriteLine($"{"variant",-26} {"stream",8} {"metadata",9} {"loaded",8} {"event 200",10}");
            foreach (var (name, directory) in variants)
            {
                var rows = new List<StandInHostTimings>();
                for (var run = 0; run < runs; run++)
                {
                    var timings = await WorkerFirstAcknowledgedAsync(sandbox, directory, environment, token, 100 + run);
                    if (timings?.FirstHttpResponse is null)
                    {
                        failed = true;
                        continue;
                    }

                    rows.Add(timings);
                }

                var median = rows.OrderBy(r => r.FirstHttpResponse).Skip(rows.Count / 2).FirstOrDefault();
                Console.WriteLine(median is null
                    ? $"{name,-26} never acknowledged"
                    : string.Create(CultureInfo.InvariantCulture, $"{name,-26} {Ms(median.StreamStarted),8:0} {Ms(median.MetadataReceived),9:0} {Ms(median.FunctionsLoaded),8:0} {Ms(median.FirstHttpResponse),10:0}  (median run by event 200)"));
            }

            return failed ? 1 : 0;
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process that is going away; the temp folder is cleaned by the OS.
            }
        }
    }

    private static Dictionary<string, string> Environment(Bitrix24Sandbox sandbox, string store) => new()
    {
        ["ConnectionStrings__Store"] = store,
        ["Bitrix24__ClientId"] = sandbox.App.ClientId,
        ["Bitrix24__ClientSecret"] = sandbox.App.ClientSecret,
        ["Bitrix24__TokenEndpoint"] = sandbox.TokenEndpoint.AbsoluteUri,
        ["Bitrix24__PortalDomains__0"] = sandbox.BaseUrl.Authority,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>Installs the app once (warm), so the cold starts find an installation and its application token.</summary>
    private static async Task<string> InstallAsync(Bitrix24Sandbox sandbox, string directory, Dictionary<string, string> environment)
    {
        var port = FreePort.Next();
        using var app = Start(directory, environment, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            try
            {
                using var up = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                break;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        var install = await sandbox.InstallAppAsync(new Uri($"http://127.0.0.1:{port}/api/bitrix24/install"));
        return install.Succeeded ? install.ApplicationToken : throw new InvalidOperationException($"Install failed:\n{app.Output}");
    }

    private static async Task<double?> FirstAcknowledgedAsync(Bitrix24Sandbox sandbox, string directory, Dictionary<string, string> environment, string token, int run)
    {
        var port = FreePort.Next();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var form = EventForm(sandbox, token, run);
        var clock = Stopwatch.StartNew();
        using var app = Start(directory, environment, port);
        while (clock.Elapsed < TimeSpan.FromMinutes(1) && !app.HasExited)
        {
            try
            {
                using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                using var answer = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/api/bitrix24/events"), content);
                if (answer.IsSuccessStatusCode)
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        Console.Error.WriteLine(app.Output);
        return null;
    }

    private static async Task<StandInHostTimings?> WorkerFirstAcknowledgedAsync(Bitrix24Sandbox sandbox, string directory, Dictionary<string, string> environment, string token, int run)
    {
        var options = StandInHostOptions.ForPublishedApp(directory);
        foreach (var (key, value) in environment)
        {
            options.Environment[key] = value;
        }

        try
        {
            await using var host = await StandInFunctionsHost.StartAsync(options);
            await host.LoadAllAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bitrix24/events") { Content = new StringContent(EventForm(sandbox, token, run), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
            using var answer = await host.InvokeHttpAsync("bitrix24-events", request);
            return answer.IsSuccessStatusCode ? host.Timings : null;
        }
        catch (WorkerHostException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }

    private static string EventForm(Bitrix24Sandbox sandbox, string token, int run) =>
        $"event=ONCRMDEALUPDATE&event_handler_id=1&data%5BFIELDS%5D%5BID%5D={900_000 + run}&ts={TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()}"
        + $"&auth%5Bdomain%5D={Uri.EscapeDataString(sandbox.BaseUrl.Authority)}&auth%5Bmember_id%5D={Uri.EscapeDataString(sandbox.App.MemberId)}&auth%5Bapplication_token%5D={Uri.EscapeDataString(token)}";

    private static double Ms(TimeSpan? span) => span?.TotalMilliseconds ?? double.NaN;

    private static ChildProcess Start(string directory, Dictionary<string, string> environment, int port) =>
        ChildProcess.Start(
            Path.Combine(directory, "Crm.Connector.Functions"),
            [],
            new Dictionary<string, string>(environment) { ["LocalHost__Url"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
            directory);
}
