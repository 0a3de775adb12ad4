using System.Diagnostics;
using System.Globalization;
using Crm.Connector.AmoCrm;
using Crm.Connector.Installer;
using Crm.Connector.Installer.AmoCrm;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// Applies <c>online-school</c> (seed 003) to a fresh sandbox amoCRM account that refuses an 8th request in any second
/// (429), with 50 ms latency by default, then applies it again, and prints HTTP requests, 429 answers, writes and wall
/// time of both. For comparison: the same apply with one entity per write request (what a script that creates
/// pipelines, fields, reasons and roles one by one sends), and the count a script needs that also adds each status on
/// its own. Options: <c>--latency-ms N</c>. Exit 1 if an apply fails, the re-apply writes anything or any 429 is seen.
/// </summary>
internal static class AmoCrmApplyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50));
        var (path, error) = TemplateCatalog.Default().Resolve("online-school");
        var template = (await TemplateLoader.LoadFileAsync(path ?? throw new ArgumentException(error))).Template
            ?? throw new InvalidOperationException("online-school is not valid");
        Console.WriteLine($"Applying online-school to a sandbox amoCRM account limited to 7 req/s (429 past that), latency {latency.TotalMilliseconds:0} ms");
        Console.WriteLine();
        Console.WriteLine("| run | objects written | requests | 429s | writes | wall time |");
        Console.WriteLine("|---|---|---|---|---|---|");

        var fast = await MeasureAsync(template, latency, chunk: 50, reapply: true);
        var slow = await MeasureAsync(template, latency, chunk: 1, reapply: false);
        Print("fresh apply", fast.Fresh);
        Print("re-apply", fast.Again!);
        Print("fresh apply, one entity per write request", slow.Fresh);

        // A script that also adds every status with its own request (POST …/statuses per status) on top of that.
        var statuses = template.Pipelines.Sum(p => p.Stages.Count(s => s.Semantics == StageSemantics.Process));
        var naive = slow.Fresh.Requests + statuses;
        Console.WriteLine($"| one request per pipeline, status, field, reason and role (counted) | {slow.Fresh.Written} | {naive} | – | – | ≥ {Seconds(TimeSpan.FromSeconds(naive / 7.0))} at 7 req/s |");

        var failed = !fast.Fresh.Succeeded || !slow.Fresh.Succeeded || fast.Again!.Writes != 0 || fast.Fresh.Throttled + fast.Again.Throttled + slow.Fresh.Throttled != 0;
        return failed ? 1 : 0;
    }

    private static void Print(string name, Run run) =>
        Console.WriteLine($"| {name} | {run.Written} | {run.Requests} | {run.Throttled} | {run.Writes} | {Seconds(run.Elapsed)} |");

    private static async Task<(Run Fresh, Run? Again)> MeasureAsync(CrmTemplate template, TimeSpan latency, int chunk, bool reapply)
    {
        await using var sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions());
        var account = new AmoAccountAddress(sandbox.BaseUrl);
        var issued = sandbox.IssueTokens();
        var store = new InMemoryAmoTokenStore();
        await store.SaveAsync(new AmoTokens { AccountKey = account.Key, AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt });
        using var client = AmoCrmClient.ForInstallation(
            account,
            store,
            new AmoOAuthApp { ClientId = sandbox.App.ClientId, ClientSecret = sandbox.App.ClientSecret, RedirectUri = new Uri("https://crm-connector.example.com/api/amocrm/install") },
            new AmoCrmClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), WriteChunkSize = chunk });
        sandbox.Faults.Latency = latency;

        var installer = new TemplateInstaller(new AmoCrmBackend(client), new InMemoryLedgerStore(), TimeProvider.System);
        var fresh = await OnceAsync(sandbox, installer, template);
        return (fresh, reapply ? await OnceAsync(sandbox, installer, template) : null);
    }

    private static async Task<Run> OnceAsync(AmoCrmSandbox sandbox, TemplateInstaller installer, CrmTemplate template)
    {
        sandbox.Stats.Reset();
        var clock = Stopwatch.StartNew();
        var result = await installer.ApplyAsync(await installer.PlanAsync(template, new InstallOptions()));
        clock.Stop();
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(string.Join("; ", result.Failures));
        }

        return new Run(result.Succeeded, result.Created + result.Updated + result.Adopted + result.Deleted, sandbox.Stats.Requests, sandbox.Stats.Throttled, sandbox.Stats.Writes, clock.Elapsed);
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private sealed record Run(bool Succeeded, int Written, int Requests, int Throttled, int Writes, TimeSpan Elapsed);
}
