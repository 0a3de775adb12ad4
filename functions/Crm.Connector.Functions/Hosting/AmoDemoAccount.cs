using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Installer;
using Crm.Connector.Installer.AmoCrm;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Storage;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Hosting;

/// <summary>
/// The local host's amoCRM demo (<c>Demo:Crm = amocrm</c>, no amoCRM integration configured): a sandbox account is
/// started in this process at amoCRM's 7 requests a second, the app is configured with the sandbox's integration keys,
/// and once the host listens the account plays the marketplace install (consent redirect with the app's signed state)
/// — then a request arrives in «Продажа курса» / «Новая заявка» and the log shows the app's answer: handed to the next
/// sales manager in turn, moved to «Принято в работу», a task for the new responsible. State lives in a throwaway
/// SQLite file, as the account itself lives only as long as the process.
/// </summary>
public sealed class AmoDemoAccount : IAsyncDisposable
{
    private readonly string _storePath;

    private AmoDemoAccount(AmoCrmSandbox sandbox, string storePath)
    {
        Sandbox = sandbox;
        _storePath = storePath;
    }

    public AmoCrmSandbox Sandbox { get; }

    /// <summary>Where the walkthrough leaves the sandbox account's admin token for the <c>curl</c> it prints.</summary>
    private string TokenPath => _storePath + ".token";

    /// <summary>Whether the configuration asks for the amoCRM demo (<c>Demo:Crm</c>).</summary>
    public static bool IsAsked(IConfiguration configuration) =>
        string.Equals(configuration?["Demo:Crm"], AmoInstallations.Crm, StringComparison.OrdinalIgnoreCase);

    /// <summary>Starts the demo account when asked and no amoCRM integration is configured, and points the configuration at it.</summary>
    public static async Task<AmoDemoAccount?> StartIfNeededAsync(ConfigurationManager configuration, string url)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsAsked(configuration) || !string.IsNullOrWhiteSpace(configuration["AmoCrm:ClientId"]))
        {
            return null;
        }

        var sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions());
        var storePath = Path.Combine(Path.GetTempPath(), $"crm-connector-amo-demo-{Environment.ProcessId}.db");
        var settings = new Dictionary<string, string?>
        {
            ["AmoCrm:ClientId"] = sandbox.App.ClientId,
            ["AmoCrm:ClientSecret"] = sandbox.App.ClientSecret,
            ["AmoCrm:AccountDomains:0"] = sandbox.BaseUrl.Authority,
            ["App:PublicUrl"] = url.TrimEnd('/') + "/",
        };
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(StoreOptions.ConnectionStringName)))
        {
            settings[$"ConnectionStrings:{StoreOptions.ConnectionStringName}"] = storePath;
        }

        configuration.AddInMemoryCollection(settings);
        return new AmoDemoAccount(sandbox, storePath);
    }

    /// <summary>Once the host listens, has the account install the app and walks a new request through distribution.</summary>
    public void InstallWhenStarted(WebApplication app, string url)
    {
        ArgumentNullException.ThrowIfNull(app);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<AmoDemoAccount>();
        var stopping = app.Lifetime.ApplicationStopping;
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(
            async () =>
            {
                var appUrl = new Uri(url.TrimEnd('/') + "/");
                try
                {
                    var installed = await Sandbox.InstallAppAsync(new Uri(appUrl, "api/amocrm/install"), await ConsentStateAsync(appUrl, stopping), stopping);
                    AmoDemoLog.Installed(log, Sandbox.BaseUrl, installed.StatusCode, url);
                    if (installed.Succeeded)
                    {
                        await WalkThroughAsync(app.Services, log, stopping);
                    }
                }
                catch (HttpRequestException e)
                {
                    AmoDemoLog.Failed(log, e.Message);
                }
                catch (InvalidOperationException e)
                {
                    AmoDemoLog.Failed(log, e.Message);
                }
                catch (OperationCanceledException)
                {
                    // Stopped before the walkthrough finished.
                }
            },
            stopping));
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        foreach (var file in new[] { _storePath, _storePath + "-wal", _storePath + "-shm", TokenPath })
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

    /// <summary>The state the app's connect endpoint signs (the Location of its redirect to the consent page).</summary>
    private static async Task<string> ConsentStateAsync(Uri appUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(new Uri(appUrl, "api/amocrm/connect"), cancellationToken);
        var query = response.Headers.Location?.Query ?? throw new InvalidOperationException($"the app's connect endpoint answered {(int)response.StatusCode} without a redirect");
        var state = query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "state");
        return state is { Length: 2 } ? Uri.UnescapeDataString(state[1]) : throw new InvalidOperationException("the consent redirect carries no state");
    }

    /// <summary>
    /// A request in «Новая заявка» (as a web form would make it), then the app's answer read back from the account: the
    /// next sales manager in turn is responsible, the deal is in «Принято в работу», the manager has the task.
    /// </summary>
    private async Task WalkThroughAsync(IServiceProvider services, ILogger log, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IStore>();
        var member = AmoInstallations.MemberId(Sandbox.AccountId);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Installer.Ledger.ProvisioningLedger ledger;
        while ((ledger = await store.Ledgers.LoadAsync(member, "online-school", cancellationToken)).AppAutomations.Count == 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                AmoDemoLog.Failed(log, "online-school was not provisioned within 60 s; see the log above");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        var (pipelineId, statusId) = AmoCrmNames.ParseStageId(ledger.Get(ResourceKey.Stage("course-sale", "NEW_REQUEST"))!.PortalId);
        using var api = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.IssueLongLivedToken(TimeSpan.FromDays(1)));
        clock.Restart();
        var body = new JArray(new JObject { ["name"] = "Демо: заявка с сайта на курс", ["pipeline_id"] = pipelineId, ["status_id"] = statusId });
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        using var created = await api.PostAsync(new Uri("/api/v4/leads", UriKind.Relative), content, cancellationToken);
        var lead = JObject.Parse(await created.Content.ReadAsStringAsync(cancellationToken))["_embedded"]!["leads"]![0]!.Value<long>("id");
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            var state = Sandbox.State();
            var task = state["tasks"]!.FirstOrDefault(t => t.Value<long>("entity_id") == lead);
            if (task is null)
            {
                continue;
            }

            var deal = state["leads"]!.First(l => l.Value<long>("id") == lead);
            var user = state["users"]!.FirstOrDefault(u => u.Value<long>("id") == deal.Value<long>("responsible_user_id"))?.Value<string>("name") ?? "?";
            var stage = state["pipelines"]!.SelectMany(p => p["statuses"]!).FirstOrDefault(s => s.Value<long>("id") == deal.Value<long>("status_id"))?.Value<string>("name") ?? "?";
            var (qualifiedPipeline, qualified) = AmoCrmNames.ParseStageId(ledger.Get(ResourceKey.Stage("course-sale", "QUALIFIED"))!.PortalId);
            // The token goes to a file only this user can read, never into the log.
            await File.WriteAllTextAsync(TokenPath, api.DefaultRequestHeaders.Authorization!.Parameter, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(TokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var command = $"curl -X PATCH '{Sandbox.BaseUrl}api/v4/leads' -H \"Authorization: Bearer $(cat {TokenPath})\" -H 'Content-Type: application/json' -d '[{{\"id\":{lead.ToString(CultureInfo.InvariantCulture)},\"pipeline_id\":{qualifiedPipeline.ToString(CultureInfo.InvariantCulture)},\"status_id\":{qualified.ToString(CultureInfo.InvariantCulture)}}}]'";
            var elapsed = (long)clock.Elapsed.TotalMilliseconds;
            var text = task.Value<string>("text") ?? string.Empty;
            AmoDemoLog.Distributed(log, lead, user, stage, text, elapsed, command);
            return;
        }

        AmoDemoLog.Failed(log, $"lead {lead.ToString(CultureInfo.InvariantCulture)} got no task within 60 s; see the log above for what the worker did");
    }
}

/// <summary>Log messages of the amoCRM demo (the sandbox's demo token is the sandbox's own, valid for this process only).</summary>
internal static partial class AmoDemoLog
{
    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = """
        Demo: a sandbox amoCRM account runs at {Account} (7 requests a second, like amoCRM); it installed the app through the marketplace redirect (answered {Status}).
          The app is at {AppUrl}; the account's webhooks go to it.
        """)]
    public static partial void Installed(ILogger logger, Uri account, int status, string appUrl);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = """
        Demo: lead {LeadId} arrived in «Продажа курса» / «Новая заявка»; the app gave it to {User} (the sales group's next in turn),
          moved it to «{Stage}» and set the task «{Task}», {ElapsedMs} ms after it arrived.
          Move it to «Квалифицирован» and the app sets the proposal task due in two hours:
            {Command}
        """)]
    public static partial void Distributed(ILogger logger, long leadId, string user, string stage, string task, long elapsedMs, string command);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "Demo: the amoCRM walkthrough stopped: {Error}")]
    public static partial void Failed(ILogger logger, string error);
}
