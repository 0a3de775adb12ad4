using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage;

namespace Crm.Connector.Functions.Hosting;

/// <summary>
/// The local host's demo, when no Bitrix24 app is configured (<c>Bitrix24:ClientId</c> unset): a sandbox portal is
/// started in this process, the app is configured with the sandbox's OAuth app, and once the host listens the sandbox
/// installs the app the way the marketplace would — so a fresh machine shows the whole flow: install → template
/// provisioned → a deal changed in the portal → the event handled → the automation's result in the portal. The demo
/// keeps its state in a throwaway SQLite file, since the sandbox portal itself lives only as long as the process.
/// </summary>
public sealed class DemoPortal : IAsyncDisposable
{
    private readonly string _storePath;

    private DemoPortal(Bitrix24Sandbox sandbox, string storePath)
    {
        Sandbox = sandbox;
        _storePath = storePath;
    }

    public Bitrix24Sandbox Sandbox { get; }

    /// <summary>What the sandbox answered when it installed the app (null until then).</summary>
    public SandboxInstallResult? Installed { get; private set; }

    /// <summary>Starts the demo portal unless a Bitrix24 app is configured, and points the configuration at it.</summary>
    public static async Task<DemoPortal?> StartIfNeededAsync(ConfigurationManager configuration, string url)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration["Bitrix24:ClientId"]))
        {
            return null;
        }

        var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Plan = configuration["Demo:Plan"] ?? "professional" });
        var storePath = Path.Combine(Path.GetTempPath(), $"crm-connector-demo-{Environment.ProcessId}.db");
        var settings = new Dictionary<string, string?>
        {
            ["Bitrix24:ClientId"] = sandbox.App.ClientId,
            ["Bitrix24:ClientSecret"] = sandbox.App.ClientSecret,
            ["Bitrix24:TokenEndpoint"] = sandbox.TokenEndpoint.AbsoluteUri,
            ["Bitrix24:PortalDomains:0"] = sandbox.BaseUrl.Authority,
            ["App:PublicUrl"] = url.TrimEnd('/') + "/",
        };
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(StoreOptions.ConnectionStringName)))
        {
            settings[$"ConnectionStrings:{StoreOptions.ConnectionStringName}"] = storePath;
        }

        configuration.AddInMemoryCollection(settings);
        return new DemoPortal(sandbox, storePath);
    }

    /// <summary>Once the host listens, has the sandbox install the app and prints where everything is.</summary>
    public void InstallWhenStarted(WebApplication app, string url)
    {
        ArgumentNullException.ThrowIfNull(app);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<DemoPortal>();
        var stopping = app.Lifetime.ApplicationStopping;
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(
            async () =>
            {
                var installUrl = new Uri(url.TrimEnd('/') + "/api/bitrix24/install");
                try
                {
                    Installed = await Sandbox.InstallAppAsync(installUrl, cancellationToken: stopping);
                    DemoLog.Ready(log, Sandbox.BaseUrl, Sandbox.WebhookUrl, url, Installed);
                }
                catch (HttpRequestException e)
                {
                    DemoLog.InstallFailed(log, installUrl, e.Message);
                }
                catch (OperationCanceledException)
                {
                    // Stopped before the install finished.
                }
            },
            stopping));
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        foreach (var file in new[] { _storePath, _storePath + "-wal", _storePath + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Still open by a pooled connection: the temp folder is cleaned by the OS.
            }
        }
    }
}
