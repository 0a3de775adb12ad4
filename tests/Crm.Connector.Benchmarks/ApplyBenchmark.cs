using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Installer;
using Crm.Connector.Installer.Bitrix24;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Testing;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// Applies each Bitrix24 template to a fresh sandbox portal limited like a real one (2 req/s, burst 50, 50 ms latency by
/// default) as the installed app, then applies it again, and prints HTTP requests, 503 answers and wall time of both.
/// The same apply is then run with one command per request — what a setup script that calls one REST method per
/// object does — for comparison. Options: <c>--latency-ms N</c>, <c>--template NAME</c> (repeatable), <c>--skip-naive</c>.
/// Exit 1 if any apply fails or a re-apply writes anything.
/// </summary>
internal static class ApplyBenchmark
{
    private static readonly string[] Bitrix24Templates = ["driving-school", "auto-dealer", "driving-school-office", "body-shop"];

    public static async Task<int> RunAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50));
        var templates = Options.All(args, "--template") is { Count: > 0 } named ? named : Bitrix24Templates;
        var naive = !args.Contains("--skip-naive");
        Console.WriteLine($"Applying templates to sandbox portals limited to 2 req/s, burst 50, latency {latency.TotalMilliseconds:0} ms (plan professional, as the installed app)");
        Console.WriteLine();
        Console.WriteLine("| template | objects written | fresh apply: requests | 503s | wall time | re-apply: requests | writes | one request per command: requests | 503s | wall time |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");

        var failed = false;
        foreach (var name in templates)
        {
            var fast = await MeasureAsync(name, latency, commandsPerBatch: 50, reapply: true);
            var slow = naive ? await MeasureAsync(name, latency, commandsPerBatch: 1, reapply: false) : null;
            failed |= !fast.Succeeded || fast.ReapplyWrites != 0 || slow is { Succeeded: false };
            Console.WriteLine(
                $"| {name} | {fast.Written} | {fast.Requests} | {fast.Rejected} | {Seconds(fast.Elapsed)} | {fast.ReapplyRequests} | {fast.ReapplyWrites} | "
                + (slow is null ? "– | – | – |" : $"{slow.Requests} | {slow.Rejected} | {Seconds(slow.Elapsed)} |"));
        }

        return failed ? 1 : 0;
    }

    private static async Task<Run> MeasureAsync(string name, TimeSpan latency, int commandsPerBatch, bool reapply)
    {
        var (path, error) = TemplateCatalog.Default().Resolve(name);
        var loaded = await TemplateLoader.LoadFileAsync(path ?? throw new ArgumentException(error));
        var template = loaded.Template ?? throw new InvalidOperationException($"{name} is not valid: {string.Join("; ", loaded.Errors)}");

        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 50, DrainPerSecond = 2 });
        sandbox.Faults.Latency = latency;
        var (client, _) = await SandboxInstallation.InstallAsync(sandbox, new Bitrix24ClientOptions
        {
            RequestBudget = new InMemoryRequestBudget(TimeProvider.System),
            RateLimit = RateLimit.Standard,
            CommandsPerBatch = commandsPerBatch,
        });
        using (client)
        {
            var installer = new TemplateInstaller(new Bitrix24Backend(client), new InMemoryLedgerStore(), TimeProvider.System);
            var options = new InstallOptions { HandlerBase = new Uri("https://crm-connector.example.com/") };
            sandbox.ResetStats();

            var clock = Stopwatch.StartNew();
            var plan = await installer.PlanAsync(template, options);
            var result = await installer.ApplyAsync(plan);
            clock.Stop();
            var fresh = sandbox.Stats;
            var run = new Run
            {
                Succeeded = result.Succeeded,
                Written = result.Created + result.Updated + result.Adopted + result.Deleted,
                Requests = fresh.Requests,
                Rejected = fresh.QueryLimitExceeded,
                Elapsed = clock.Elapsed,
            };
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{name}: {string.Join("; ", result.Failures)}");
            }

            if (!reapply)
            {
                return run;
            }

            sandbox.ResetStats();
            var again = await installer.ApplyAsync(await installer.PlanAsync(template, options));
            return run with
            {
                ReapplyRequests = sandbox.Stats.Requests,
                ReapplyWrites = again.Created + again.Updated + again.Adopted + again.Deleted,
            };
        }
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private sealed record Run
    {
        public bool Succeeded { get; init; }

        public int Written { get; init; }

        public int Requests { get; init; }

        public int Rejected { get; init; }

        public TimeSpan Elapsed { get; init; }

        public int ReapplyRequests { get; init; }

        public int ReapplyWrites { get; init; }
    }
}
