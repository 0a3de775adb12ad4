using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Handlers;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// <c>reconcile</c>: the missed-events sweep of many portals within one reconcile period. <c>--installations N</c>
/// (10000) installations are stored, all pointing at one sandbox portal (its rate limit lifted, so the figure is the
/// app's own cost) with nothing changed since their install; the local host runs on that store as the one process that
/// sweeps. The benchmark then plays a second instance: it fires the <c>reconcile</c> timer function (taking the period's
/// lease) and stores its messages as the host stores queue outputs, and waits until every portal is swept.
/// Prints how long the fan-out takes (list + messages, then the one-transaction enqueue) and how long the sweep of all
/// takes. <c>--sequential N</c> (0) first sweeps N portals one after another in this process — what the timer did
/// before it fanned out — for a per-portal baseline. <c>--latency-ms N</c> (0) delays every portal answer, as a real
/// portal's round trip does. Exit 1 when a portal is left unswept.
/// </summary>
internal static class ReconcileBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Options.Int(args, "--installations", 10_000);
        var sequential = Math.Min(count, Options.Int(args, "--sequential", 0));
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 0));
        var directory = Directory.CreateTempSubdirectory("crmc-bench-reconcile-").FullName;
        var storePath = Path.Combine(directory, "store.db");
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 1_000_000_000, DrainPerSecond = 1_000_000_000 });
        sandbox.Faults.Latency = latency;
        var url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        var settings = new Dictionary<string, string?>
        {
            ["LocalHost:Url"] = url,
            ["ConnectionStrings:Store"] = storePath,
            ["Bitrix24:ClientId"] = sandbox.App.ClientId,
            ["Bitrix24:ClientSecret"] = sandbox.App.ClientSecret,
            ["Bitrix24:TokenEndpoint"] = sandbox.TokenEndpoint.AbsoluteUri,
            ["Bitrix24:PortalDomains:0"] = sandbox.BaseUrl.Authority,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        try
        {
            // The sweeping process, started first: its own catch-up at start finds no portal yet.
            var app = await FunctionApp.BuildLocalAsync([.. settings.Select(s => $"--{s.Key}={s.Value}")]);
            await app.StartAsync();
            try
            {
                return await MeasureAsync(sandbox, settings, storePath, url, count, sequential);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    private static async Task<int> MeasureAsync(Bitrix24Sandbox sandbox, Dictionary<string, string?> settings, string storePath, string url, int count, int sequential)
    {
        // The other instance: the app's services on the same store, without a host.
        var services = new ServiceCollection().AddLogging();
        FunctionApp.AddServices(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), HostingMode.Local, url);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IStore>();

        Console.WriteLine($"{count} installations on one sandbox portal (rate limit lifted, {sandbox.Faults.Latency.TotalMilliseconds:0} ms latency, nothing changed since install); the local host on a SQLite store sweeps.");
        var clock = Stopwatch.StartNew();
        await SeedAsync(store, sandbox, count);
        Console.WriteLine($"Stored {count} installations with their tokens in {Seconds(clock.Elapsed)}.");

        if (sequential > 0)
        {
            var reconciler = provider.GetRequiredService<Reconciler>();
            var portals = (await store.Installations.ListActiveAsync()).Take(sequential).ToList();
            clock.Restart();
            foreach (var installation in portals)
            {
                await reconciler.SweepAsync(installation, CancellationToken.None);
            }

            var perPortal = clock.Elapsed / sequential;
            Console.WriteLine($"Sequential baseline (one invocation sweeping portal after portal, as before the fan-out): {sequential} portals in {Seconds(clock.Elapsed)}, "
                + $"{Ms(perPortal)} each — {count} would take {Seconds(perPortal * count)}.");
        }

        sandbox.ResetStats();
        var requestedAt = TimeProvider.System.GetUtcNow();
        clock.Restart();
        var messages = await ActivatorUtilities.CreateInstance<ReconcileFunction>(provider).RunAsync(new TimerInfo(), CancellationToken.None);
        if (messages.Length == 0)
        {
            // The host's own tick came first in this period (it passed a ten-minute mark while seeding): fire past due.
            Console.WriteLine("The host's own reconcile tick held this period's lease; the fan-out runs past due instead.");
            clock.Restart();
            messages = await ActivatorUtilities.CreateInstance<ReconcileFunction>(provider).RunAsync(new TimerInfo { IsPastDue = true }, CancellationToken.None);
        }

        var listed = clock.Elapsed;
        await store.Queues.EnqueueManyAsync(ReconcileMessage.Queue, messages);
        var fannedOut = clock.Elapsed;
        var lease = await ReconcileLeaseOwnerAsync(storePath);

        var swept = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(30))
        {
            swept = await SweptSinceAsync(storePath, requestedAt);
            if (swept >= count && await store.Queues.CountAsync(ReconcileMessage.Queue) == 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        var done = clock.Elapsed;
        var stats = sandbox.Stats;
        Console.WriteLine();
        Console.WriteLine("| installations | fan-out: list + messages | fan-out: enqueue (one transaction) | sweep of all, 1 process | portals/s | portal requests | 503s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(
            $"| {count} | {Ms(listed)} | {Ms(fannedOut - listed)} | {Seconds(done)} | {(swept / done.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} | "
            + $"{stats.Requests} | {stats.QueryLimitExceeded} |");
        Console.WriteLine();
        Console.WriteLine($"Messages queued: {messages.Length}; portals swept since the fan-out: {swept} of {count}.");
        if (await ReconcileLeaseOwnerAsync(storePath) != lease)
        {
            // A ten-minute mark passed during the sweep: the host's own tick queued every portal again. Portals swept
            // since were skipped; those swept before the mark were swept twice, which the figures above include.
            Console.WriteLine("The host's own reconcile tick took the next period during the sweep and queued every portal again; the figures include that.");
        }
        return swept >= count && messages.Length == count ? 0 : 1;
    }

    /// <summary><paramref name="count"/> active installations, each with tokens the sandbox issued, installed and swept "now".</summary>
    private static async Task SeedAsync(IStore store, Bitrix24Sandbox sandbox, int count)
    {
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var member = string.Create(CultureInfo.InvariantCulture, $"bench-{i:D6}");
            var tokens = sandbox.IssueTokens();
            await store.Installations.SaveAsync(
                new Installation
                {
                    MemberId = member,
                    Domain = sandbox.BaseUrl.Authority,
                    InstalledAt = now,
                    UpdatedAt = now,
                    SweptUntil = now,
                    TokensRefreshedAt = now,
                },
                new OAuthTokens
                {
                    MemberId = member,
                    AccessToken = tokens.AccessToken,
                    RefreshToken = tokens.RefreshToken,
                    ExpiresAt = tokens.ExpiresAt,
                    ClientEndpoint = sandbox.ClientEndpoint,
                    UserId = tokens.UserId,
                });
        }
    }

    /// <summary>Installations whose sweep started at or after <paramref name="since"/> (read from the file, as an operator would).</summary>
    private static async Task<int> SweptSinceAsync(string storePath, DateTimeOffset since)
    {
        await using var connection = new SqliteConnection($"Data Source={storePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM installations WHERE swept_until >= $since";
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Who holds the reconcile timer's lease (its owner names the instance and the period).</summary>
    private static async Task<string?> ReconcileLeaseOwnerAsync(string storePath)
    {
        await using var connection = new SqliteConnection($"Data Source={storePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner FROM leases WHERE name = 'timer:reconcile'";
        return await command.ExecuteScalarAsync() as string;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
