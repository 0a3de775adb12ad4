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

    private Crm.Connector.Sandbox.OneC.SandboxOneC? _oneC;

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

            // The demo's sandbox 1C is polled every few seconds, so a payment shows at once.
            ["OneC:PollEvery"] = "00:00:03",
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
                Sandbox.SetAppHandler(new Uri(url.TrimEnd('/') + Pages.PagePaths.Main));
                try
                {
                    Installed = await Sandbox.InstallAppAsync(installUrl, cancellationToken: stopping);
                    var summary = Describe(Installed);
                    var appPage = Sandbox.AppPageUrl();
                    DemoLog.Ready(log, Sandbox.BaseUrl, Sandbox.WebhookUrl, url, appPage, summary);
                    if (Installed.Succeeded)
                    {
                        await ShowAutomationAsync(app.Services, log, stopping);
                    }
                }
                catch (Crm.Connector.Bitrix24.Errors.Bitrix24Exception e)
                {
                    DemoLog.WalkthroughFailed(log, e.Message);
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

    /// <summary>
    /// The automation at work: a deal in the template's main pipeline gets its test scores through the portal's REST API
    /// (as a manager's edit would), the portal sends the event, and the app's answer is read back from the portal.
    /// </summary>
    private async Task ShowAutomationAsync(IServiceProvider services, ILogger log, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IStore>();
        var installation = await store.Installations.GetAsync(Sandbox.App.MemberId, cancellationToken);
        var templateKey = installation?.TemplateKey ?? string.Empty;
        var template = await services.GetRequiredService<Bitrix24.TemplateProvider>().GetAsync(templateKey);
        var scoring = template.Processes.OfType<Crm.Connector.Templates.Model.Processes.AdmissionScoringProcess>().FirstOrDefault();
        var main = template.Pipelines.FirstOrDefault(p => p.Main) ?? (template.Pipelines.Count > 0 ? template.Pipelines[0] : null);
        var ledger = await store.Ledgers.LoadAsync(Sandbox.App.MemberId, templateKey, cancellationToken);
        if (scoring is null || main is null || ledger.Get(Crm.Connector.Installer.ResourceKey.Pipeline(main.Key)) is not { } pipeline)
        {
            DemoLog.NoWalkthrough(log, templateKey);
            return;
        }

        using var portal = Crm.Connector.Bitrix24.Bitrix24Client.ForWebhook(Sandbox.WebhookUrl);
        var fields = new Newtonsoft.Json.Linq.JObject { ["TITLE"] = "Демо: ученик автошколы", ["CATEGORY_ID"] = pipeline.PortalId };
        foreach (var score in scoring.ScoreFields)
        {
            fields[Bitrix24.Work.ItemMapper.RawName(score)] = 90;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var id = (await portal.CallAsync("crm.deal.add", new Newtonsoft.Json.Linq.JObject { ["fields"] = fields }, cancellationToken)).Result!.ToString();
        var result = Bitrix24.Work.ItemMapper.RawName(scoring.ResultField);
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var deal = (await portal.CallAsync("crm.deal.get", new Newtonsoft.Json.Linq.JObject { ["id"] = id }, cancellationToken)).Result;
            // The demo's student scores 90 five times, so the app's answer is "admitted": wait for that, not for any
            // value — a yes/no field reads "0" before anybody wrote it.
            if (deal?[result]?.ToString() is "1" or "Y" or "True" or "true" && deal[result]!.ToString() is var value)
            {
                var lowered = Bitrix24.Work.ItemMapper.RawName(scoring.ScoreFields[^1]);
                var elapsed = (long)clock.Elapsed.TotalMilliseconds;
                var pipelineName = main.Name.Get();
                var command = $"curl -X POST '{Sandbox.WebhookUrl}crm.deal.update' -H 'Content-Type: application/json' -d '{{\"id\":{id},\"fields\":{{\"{lowered}\":10}}}}'";
                DemoLog.AutomationRan(log, id, pipelineName, scoring.ScoreFields.Count * 90, scoring.Threshold, result, value, elapsed, command);
                _oneC = await DemoOneC.ShowAsync(services, portal, Sandbox.App.MemberId, id, log, cancellationToken);
                return;
            }
        }

        DemoLog.NoResult(log, id, result);
    }

    /// <summary>The sandbox's install in words: "the install form and ONAPPINSTALL were answered 200".</summary>
    internal static string Describe(SandboxInstallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        static string Name(SandboxInstallPost post) => post.Name == SandboxInstallPost.Callback ? "the install form" : post.Name;
        static string Outcome(SandboxInstallPost post) => post.StatusCode == 0 ? $"got no answer ({post.Error})" : $"was answered {post.StatusCode}";
        return result.Posts.Count == 0
            ? "nothing was sent"
            : string.Join(", ", result.Posts.Select(p => $"{Name(p)} {Outcome(p)}"));
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        if (_oneC is not null)
        {
            await _oneC.DisposeAsync();
        }

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
