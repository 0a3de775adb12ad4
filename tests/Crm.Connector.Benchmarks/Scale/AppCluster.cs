using System.Globalization;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Testing;
using Npgsql;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// The app scaled out: N instance processes on one PostgreSQL database, behind a round-robin proxy that is the app's
/// public address (what portals install and send events to). Instances can be added, killed and stopped while it runs —
/// the proxy follows — which is all a scale or fault run does to the app.
/// </summary>
internal sealed class AppCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Dictionary<string, string> _environment;
    private readonly List<AppInstance> _instances = [];
    private readonly List<AppInstance> _gone = [];
    private readonly Lock _gate = new();
    private int _started;

    private AppCluster(RoundRobinProxy proxy, IStore store, string connectionString, Dictionary<string, string> environment)
    {
        Proxy = proxy;
        Store = store;
        ConnectionString = connectionString;
        _environment = environment;
    }

    /// <summary>The app's public address.</summary>
    public RoundRobinProxy Proxy { get; }

    /// <summary>Where portals install the app.</summary>
    public Uri InstallUrl => new(Proxy.Url, "api/bitrix24/install");

    /// <summary>The store, opened by the run as well: to count what the app recorded, and for the shared request budget.</summary>
    public IStore Store { get; }

    public string ConnectionString { get; }

    /// <summary>Instances running now, oldest first.</summary>
    public IReadOnlyList<AppInstance> Instances
    {
        get
        {
            lock (_gate)
            {
                return [.. _instances];
            }
        }
    }

    /// <summary>
    /// A new database on <paramref name="postgres"/>, the proxy, and <paramref name="instances"/> instances serving
    /// <paramref name="portals"/>. The first instance starts alone (it brings the schema up to date); the rest start
    /// together. <paramref name="settings"/> adds to or overrides the environment (Worker__* options, the token endpoint).
    /// </summary>
    public static async Task<AppCluster> StartAsync(PostgresServer postgres, IReadOnlyList<ScalePortal> portals, int instances, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(portals);
        var connectionString = await postgres.CreateDatabaseAsync();
        var proxy = await RoundRobinProxy.StartAsync();
        var first = portals[0].Sandbox;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Store"] = connectionString,
            ["App__PublicUrl"] = proxy.Url.AbsoluteUri,
            ["Bitrix24__ClientId"] = first.App.ClientId,
            ["Bitrix24__ClientSecret"] = first.App.ClientSecret,

            // One token endpoint per app, as on the real cloud (oauth.bitrix.info); each sandbox portal has its own, so
            // refreshes work for the first portal only. Runs of many portals stay well inside the tokens' hour.
            ["Bitrix24__TokenEndpoint"] = first.TokenEndpoint.AbsoluteUri,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        for (var i = 0; i < portals.Count; i++)
        {
            environment[string.Create(CultureInfo.InvariantCulture, $"Bitrix24__PortalDomains__{i}")] = portals[i].Sandbox.BaseUrl.Authority;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var cluster = new AppCluster(proxy, StoreFactory.Create(new StoreOptions { ConnectionString = connectionString }), connectionString, environment);
        try
        {
            if (instances > 0)
            {
                await cluster.AddInstanceAsync();
                await Task.WhenAll(Enumerable.Range(1, instances - 1).Select(_ => cluster.AddInstanceAsync()));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more instance and puts it behind the proxy once it answers (a scale-out).</summary>
    public async Task<AppInstance> AddInstanceAsync()
    {
        var instance = await AppInstance.StartAsync(Interlocked.Increment(ref _started), _environment, StartTimeout);
        lock (_gate)
        {
            _instances.Add(instance);
            Proxy.SetBackends(_instances.Select(i => i.Url));
        }

        return instance;
    }

    /// <summary>SIGKILLs <paramref name="instance"/>; the proxy skips it from then on. Safe to call from a portal's hook.</summary>
    public void Kill(AppInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Remove(instance);
        instance.Kill();
    }

    /// <summary>Takes <paramref name="instance"/> out of the proxy, then stops it gracefully (a scale-in).</summary>
    public async Task StopAsync(AppInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Remove(instance);
        await instance.StopAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// The instance holding portal <paramref name="memberId"/>'s work lease — the one sending its writes right now — or
    /// null. Read straight from the store's <c>leases</c> table (the owner name carries the process id, see the app's
    /// <c>WorkLease.Instance</c>), synchronously, so a portal's after-method hook can kill exactly the writer.
    /// </summary>
    public AppInstance? PortalHolder(string memberId)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT owner FROM leases WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", "work:" + memberId);
        var owner = command.ExecuteScalar() as string;
        var parts = owner?.Split(':') ?? [];
        return parts.Length >= 2 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? Instances.FirstOrDefault(i => i.Pid == pid)
            : null;
    }

    /// <summary>Items and effects the app has accepted and not finished: inbox items pending, effects not confirmed.</summary>
    public async Task<(int Inbox, int Effects, int FailedItems, int FailedEffects)> BacklogAsync()
    {
        var inbox = await Store.Inbox.CountAsync();
        var outbox = await Store.Outbox.CountAsync();
        return (inbox.GetValueOrDefault(InboxStatus.Pending), outbox.GetValueOrDefault(EffectStatus.Pending), inbox.GetValueOrDefault(InboxStatus.Failed), outbox.GetValueOrDefault(EffectStatus.Failed));
    }

    /// <summary>The last lines every instance wrote (warnings and errors), for a run that failed.</summary>
    public string Output(int lines = 40)
    {
        lock (_gate)
        {
            return string.Join('\n', _instances.Concat(_gone).Select(i => $"--- instance {i.Number} ---\n{string.Join('\n', i.Output.Split('\n').TakeLast(lines))}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppInstance[] all;
        lock (_gate)
        {
            all = [.. _instances, .. _gone];
            _instances.Clear();
        }

        foreach (var instance in all)
        {
            instance.Dispose();
        }

        await Proxy.DisposeAsync();
        await Store.DisposeAsync();
    }

    private void Remove(AppInstance instance)
    {
        lock (_gate)
        {
            if (_instances.Remove(instance))
            {
                _gone.Add(instance);
            }

            Proxy.SetBackends(_instances.Select(i => i.Url));
        }
    }
}
