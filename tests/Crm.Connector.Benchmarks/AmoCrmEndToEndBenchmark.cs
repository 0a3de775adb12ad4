using System.Diagnostics;
using System.Globalization;
using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Benchmarks.Scale;
using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// <c>amocrm-e2e</c> (issue 12 §4): the online school's amoCRM account at its real limit of 7 requests in any second
/// (429 past that), the function app as its own process on the local host, installed through the sandbox's marketplace
/// redirect and provisioned. A manager moves 1,000 leads from «Не дозвонились» to «Квалифицирован» in bulk PATCHes of
/// 50 (20 requests); the account sends one webhook per PATCH carrying its 50 changes; the app's automation
/// «Квалифицирован: подготовить предложение» puts one task «Подготовить предложение» on each lead. Measured from the
/// first PATCH until every lead has its task: wall time, the requests the app made, 429 answers, writes, webhooks.
/// <para>
/// The sandbox limits per <b>account</b>, not per token (<c>RollingWindow</c>), so the manager's own PATCHes share the
/// 7 req/s with the app. They are paced through the app's request budget in its store (as a second instance of the app
/// would send them) so that neither side causes the other a 429; they are counted by the manager's client and taken out
/// of the app's figures, but the wall time includes the ~3 s of the account's budget they use. The leads are created
/// (in «Не дозвонились», which has no stage-entered automation) and taken in by the app before the counters are reset,
/// so that setup costs the figures nothing.
/// </para>
/// Options: <c>--leads N</c> (1000), <c>--quick</c> (100 leads), <c>--latency-ms N</c> (50), <c>--timeout-min N</c> (5, the
/// longest wait for the tasks; on a miss the account's webhook attempts and the app's output are printed). Exit 1 unless every lead
/// has exactly one task, no 429 was answered and no inbox item failed. Wall time is printed, not asserted.
/// </summary>
internal static class AmoCrmEndToEndBenchmark
{
    private const string Pipeline = "Продажа курса";
    private const string From = "Не дозвонились";
    private const string To = "Квалифицирован";
    private const string TaskText = "Подготовить предложение";
    private const int RequestsPerSecond = 7;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Options.Flag(args, "--quick") ? 100 : Options.Int(args, "--leads", 1_000);
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 50));
        await using var account = await Account.StartAsync();
        var (pipelineId, fromId, toId) = Stages(account.Sandbox);
        using var manager = account.Manager();

        // Setup, not measured: the leads exist and the app has their snapshots (so the move is a stage change, not a creation).
        var created = await manager.Leads.AddAsync([.. Enumerable.Range(1, count).Select(n => new AmoLeadAdd
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"Заявка {n}"),
            Price = 30_000,
            PipelineId = pipelineId,
            StatusId = fromId,
        })]);
        var ids = created.Select(r => r.Id).ToHashSet();
        await account.WaitUntilTakenInAsync(count, TimeSpan.FromMinutes(5));
        account.Sandbox.Faults.Latency = latency;

        // A second for the account's rolling window to forget the setup, then zero counters.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        account.Sandbox.Stats.Reset();
        var before = manager.Statistics.Requests;
        Console.WriteLine($"{count} leads in «{Pipeline}» moved from «{From}» to «{To}» in bulk PATCHes of 50 (a mass edit); one webhook per PATCH.");
        Console.WriteLine($"Account limited to {RequestsPerSecond} req/s in any rolling second (429 past that), per account; latency {latency.TotalMilliseconds:0} ms. "
            + $"The app (its own process, SQLite store) adds one task «{TaskText}» per lead.");

        var clock = Stopwatch.StartNew();
        await manager.Leads.UpdateAsync([.. ids.Select(id => new AmoLeadPatch { Id = id, PipelineId = pipelineId, StatusId = toId })]);
        var edited = clock.Elapsed;
        var own = manager.Statistics.Requests - before;
        var withTask = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(Options.Int(args, "--timeout-min", 5)))
        {
            withTask = LeadsWithTask(account.Sandbox, ids);
            if (withTask >= count)
            {
                break;
            }

            await Task.Delay(100);
        }

        clock.Stop();
        await account.WaitUntilQuietAsync(TimeSpan.FromMinutes(1));
        var stats = account.Sandbox.Stats;
        var routes = stats.ByRoute.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        routes["PATCH /api/v4/leads"] = routes.GetValueOrDefault("PATCH /api/v4/leads") - own;
        var appRequests = stats.Requests - own;
        var appReads = routes.Where(r => r.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(r => r.Value);
        var tasks = Tasks(account.Sandbox, ids);
        var inbox = await account.Store.Inbox.CountAsync(account.MemberId);
        var failed = inbox.GetValueOrDefault(InboxStatus.Failed);

        Console.WriteLine();
        Console.WriteLine("| leads | wall time | leads with their task | tasks written | app requests | of them reads | app writes | 429s | webhooks delivered | failed inbox items |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(
            $"| {count} | {Seconds(clock.Elapsed)} | {withTask} | {tasks} | {appRequests} | {appReads} | {stats.Writes - own} | {stats.Throttled} | "
            + $"{stats.WebhooksDelivered} of {stats.WebhooksQueued} | {failed} |");
        Console.WriteLine();
        Console.WriteLine($"The manager's own {own} PATCH requests (sent in {Seconds(edited)} through the app's budget) are not in the app's figures; the 429s are the account's, both sides'.");
        Console.WriteLine("App requests by route: " + string.Join(", ", routes.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value.ToString(CultureInfo.InvariantCulture)}")));
        var naive = count * 2;
        Console.WriteLine($"One request per change (a read and a write per lead) would need at least {naive} requests: ≥ {Seconds(TimeSpan.FromSeconds(naive / (double)RequestsPerSecond))} at {RequestsPerSecond} req/s.");
        if (stats.WebhooksFailed > 0 || withTask < count)
        {
            Console.WriteLine($"Webhooks failed: {stats.WebhooksFailed}; the account's subscriptions: {account.Sandbox.State()["webhooks"]}");
            Console.WriteLine($"App output:\n{account.Output}");
        }

        Console.WriteLine($"Goal (issue 12 §4): ≤ 60 s with no 429 — {(clock.Elapsed <= TimeSpan.FromSeconds(60) && stats.Throttled == 0 ? "met" : "missed")}.");
        return withTask == count && tasks == count && stats.Throttled == 0 && failed == 0 ? 0 : 1;
    }

    /// <summary>The pipeline and the two statuses the template made, by name (the account's ids are its own).</summary>
    private static (long Pipeline, long From, long To) Stages(AmoCrmSandbox sandbox)
    {
        var pipeline = sandbox.State()["pipelines"]!.Single(p => p.Value<string>("name") == Pipeline);
        long Status(string name) => pipeline["statuses"]!.Single(s => s.Value<string>("name") == name).Value<long>("id");
        return (pipeline.Value<long>("id"), Status(From), Status(To));
    }

    private static IEnumerable<JToken> OurTasks(AmoCrmSandbox sandbox, IReadOnlyCollection<long> leads)
    {
        var set = leads as HashSet<long> ?? [.. leads];
        return sandbox.State()["tasks"]!.Where(t => t.Value<string>("entity_type") == "leads" && set.Contains(t.Value<long>("entity_id")) && t.Value<string>("text")!.StartsWith(TaskText, StringComparison.Ordinal));
    }

    private static int LeadsWithTask(AmoCrmSandbox sandbox, IReadOnlyCollection<long> leads) => OurTasks(sandbox, leads).Select(t => t.Value<long>("entity_id")).Distinct().Count();

    private static int Tasks(AmoCrmSandbox sandbox, IReadOnlyCollection<long> leads) => OurTasks(sandbox, leads).Count();

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// The sandbox account (7 req/s) and the app as its own process (<see cref="AppInstance"/>: the built app, as the
    /// amoCRM function tests start it) with the sandbox's keys, its host as the allowed account domain and a throwaway
    /// SQLite store; installed through the marketplace redirect and provisioned with <c>online-school</c>.
    /// </summary>
    private sealed class Account : IAsyncDisposable
    {
        private readonly AppInstance _app;
        private readonly string _directory;

        private Account(AmoCrmSandbox sandbox, AppInstance app, string directory)
        {
            Sandbox = sandbox;
            _app = app;
            _directory = directory;
            Store = StoreFactory.Create(new StoreOptions { ConnectionString = Path.Combine(directory, "store.db") });
        }

        public AmoCrmSandbox Sandbox { get; }

        /// <summary>The app's store opened alongside it (SQLite allows another process), for counting and the shared budget.</summary>
        public IStore Store { get; }

        public string MemberId => AmoInstallations.MemberId(Sandbox.AccountId);

        /// <summary>The app's output so far (warnings and errors), for a failed run.</summary>
        public string Output => _app.Output;

        public static async Task<Account> StartAsync()
        {
            var sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions { RequestsPerSecond = RequestsPerSecond });
            var directory = Directory.CreateTempSubdirectory("crmc-amo-bench-").FullName;
            AppInstance? app = null;
            try
            {
                app = await AppInstance.StartAsync(1, AppSettings(sandbox, directory), TimeSpan.FromSeconds(60));
                var account = new Account(sandbox, app, directory);
                await account.InstallAsync();
                return account;
            }
            catch
            {
                app?.Dispose();
                await sandbox.DisposeAsync();
                throw;
            }
        }

        /// <summary>A client of the administrator with a long-lived token, paced by the app's budget for the account.</summary>
        public AmoCrmClient Manager() =>
            new(new AmoAccountAddress(Sandbox.BaseUrl), Sandbox.IssueLongLivedToken(TimeSpan.FromDays(1)), new AmoCrmClientOptions { RequestBudget = Store.RequestBudget });

        /// <summary>Waits until the account has sent its webhooks and the app has an inbox item done for each of <paramref name="count"/> leads.</summary>
        public async Task WaitUntilTakenInAsync(int count, TimeSpan timeout)
        {
            using (var cancel = new CancellationTokenSource(timeout))
            {
                await Sandbox.WaitForWebhooksAsync(cancel.Token);
            }

            await WaitUntilAsync(
                async () =>
                {
                    var inbox = await Store.Inbox.CountAsync(MemberId);
                    return inbox.GetValueOrDefault(InboxStatus.Done) >= count && inbox.GetValueOrDefault(InboxStatus.Pending) == 0;
                },
                $"the app to take in the {count} new leads",
                timeout);
        }

        /// <summary>Waits until the webhooks are sent, the inbox is drained and the account has had no request for 2 s (the app's trailing requests are counted).</summary>
        public async Task WaitUntilQuietAsync(TimeSpan timeout)
        {
            using (var cancel = new CancellationTokenSource(timeout))
            {
                await Sandbox.WaitForWebhooksAsync(cancel.Token);
            }

            var last = -1;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                var pending = (await Store.Inbox.CountAsync(MemberId)).GetValueOrDefault(InboxStatus.Pending);
                var requests = Sandbox.Stats.Requests;
                if (pending == 0 && requests == last)
                {
                    return;
                }

                last = requests;
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        public async ValueTask DisposeAsync()
        {
            _app.Dispose();
            await Store.DisposeAsync();
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

        /// <summary>As <c>AmoAppHarness</c> and <c>OnlineSchoolAccount</c> configure the app for the amoCRM tests.</summary>
        private static Dictionary<string, string> AppSettings(AmoCrmSandbox sandbox, string directory) => new()
        {
            ["ConnectionStrings__Store"] = Path.Combine(directory, "store.db"),

            // A Bitrix24 app "configured" so the local host starts no Bitrix24 demo portal beside the amoCRM sandbox.
            ["Bitrix24__ClientId"] = "local.amocrm-bench",
            ["Bitrix24__ClientSecret"] = "unused",
            ["AmoCrm__ClientId"] = sandbox.App.ClientId,
            ["AmoCrm__ClientSecret"] = sandbox.App.ClientSecret,
            ["AmoCrm__AccountDomains__0"] = sandbox.BaseUrl.Authority,
            ["Worker__Lease"] = "00:00:03",
            ["Worker__PortalLease"] = "00:00:10",
            ["Worker__Coalesce"] = "00:00:00.050",
            ["Worker__RetryAfter"] = "00:00:01",
            ["Worker__StalledAfter"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        /// <summary>The marketplace install: a state from the app's connect endpoint, the sandbox's consent redirect, then provisioning.</summary>
        private async Task InstallAsync()
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Url, Timeout = TimeSpan.FromSeconds(30) };
            using var connect = await http.GetAsync(new Uri("api/amocrm/connect", UriKind.Relative));
            var location = connect.Headers.Location ?? throw new InvalidOperationException($"connect answered {(int)connect.StatusCode} without a redirect");
            var state = Uri.UnescapeDataString(location.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "state")[1]);
            var install = await Sandbox.InstallAppAsync(new Uri(_app.Url, "api/amocrm/install"), state);
            if (!install.Succeeded)
            {
                throw new InvalidOperationException($"Install failed: {install.StatusCode} {install.Body}\n{_app.Output}");
            }

            await WaitUntilAsync(async () => (await Store.Ledgers.LoadAsync(MemberId, "online-school")).AppAutomations.Count > 0, "online-school provisioned", TimeSpan.FromSeconds(90));

            // The account's time zone, as the amoCRM process tests set it (task deadlines are counted in it).
            var installation = (await Store.Installations.GetAsync(MemberId))!;
            var settings = (JObject)installation.Settings.DeepClone();
            settings["timeZone"] = "Europe/Moscow";
            await Store.Installations.SaveAsync(installation with { Settings = settings });
        }

        private async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!await condition())
            {
                if (clock.Elapsed > timeout || _app.HasExited)
                {
                    throw new TimeoutException($"Timed out waiting for {what}.\nApp output:\n{_app.Output}");
                }

                await Task.Delay(200);
            }
        }
    }
}
