using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Storage;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.AmoCrm;

/// <summary>
/// An amoCRM sandbox account in the test process and the function app as its own process on the local host,
/// configured with the sandbox's integration keys, its host as the one allowed (loopback) account domain, and a
/// throwaway SQLite store — the production path end to end over loopback HTTP, as <c>AppHarness</c> does for Bitrix24.
/// </summary>
public sealed class AmoAppHarness : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private FunctionAppProcess _app;

    private AmoAppHarness(AmoCrmSandbox sandbox, string directory, int port, FunctionAppProcess app, Dictionary<string, string> environment)
    {
        Sandbox = sandbox;
        _directory = directory;
        Port = port;
        _app = app;
        _environment = environment;
        Store = StoreFactory.Create(new StoreOptions { ConnectionString = StorePath });
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = AppUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public AmoCrmSandbox Sandbox { get; }

    /// <summary>The app's store, opened by the test (SQLite allows another process alongside).</summary>
    public IStore Store { get; }

    public HttpClient Http { get; }

    public int Port { get; }

    public Uri AppUrl => new($"http://127.0.0.1:{Port}/");

    public Uri InstallUrl => new(AppUrl, "api/amocrm/install");

    public Uri UninstallUrl => new(AppUrl, "api/amocrm/uninstall");

    public string StorePath => Path.Combine(_directory, "store.db");

    public string MemberId => AmoInstallations.MemberId(Sandbox.AccountId);

    /// <summary>The app's output so far (for failure messages).</summary>
    public string Output => _app.Process.Output;

    /// <summary>
    /// Starts the account and the app. <paramref name="widgetRedirect"/>: the integration's Redirect URI carries
    /// <c>?from_widget=1</c> — the sandbox plays a widget install by redirecting there, remembers that URI as the
    /// integration's, and refuses a code exchange whose <c>redirect_uri</c> differs, so the app must be configured with it.
    /// </summary>
    public static async Task<AmoAppHarness> StartAsync(bool widgetRedirect = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions { RequestsPerSecond = 0 });
        var directory = Directory.CreateTempSubdirectory("crmc-amo-").FullName;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["LocalHost__Url"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Store"] = Path.Combine(directory, "store.db"),

            // A Bitrix24 app "configured" so the local host starts no Bitrix24 demo portal beside the amoCRM sandbox.
            ["Bitrix24__ClientId"] = "local.amocrm-tests",
            ["Bitrix24__ClientSecret"] = "unused",
            ["AmoCrm__ClientId"] = sandbox.App.ClientId,
            ["AmoCrm__ClientSecret"] = sandbox.App.ClientSecret,
            ["AmoCrm__AccountDomains__0"] = sandbox.BaseUrl.Authority,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Crm.Connector"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        if (widgetRedirect)
        {
            environment["AmoCrm__RedirectUri"] = $"http://127.0.0.1:{port}/api/amocrm/install?from_widget=1";
        }

        var app = await FunctionAppProcess.StartAsync(port, environment);
        return new AmoAppHarness(sandbox, directory, port, app, environment);
    }

    /// <summary>Kills the app (SIGKILL, as a crash) and starts it again on the same port and store; the account keeps running.</summary>
    public async Task RestartAppAfterAsync(Func<Task> whileDown)
    {
        ArgumentNullException.ThrowIfNull(whileDown);
        _app.Dispose();
        await whileDown();
        _app = await FunctionAppProcess.StartAsync(Port, _environment);
    }

    /// <summary>A state from the app's connect endpoint (the Location of its redirect to amoCRM's consent page).</summary>
    public async Task<string> ConnectStateAsync()
    {
        using var response = await Http.GetAsync(new Uri("api/amocrm/connect", UriKind.Relative));
        var location = response.Headers.Location ?? throw new InvalidOperationException($"connect answered {(int)response.StatusCode} without a redirect");
        var state = location.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "state")[1];
        return Uri.UnescapeDataString(state);
    }

    /// <summary>The sandbox plays the consent with a state from connect; fails the test unless the app answered 2xx.</summary>
    public async Task<AmoSandboxInstallResult> InstallAsync()
    {
        var result = await Sandbox.InstallAppAsync(InstallUrl, await ConnectStateAsync());
        return result.Succeeded ? result : throw new InvalidOperationException($"Install failed: {result.StatusCode} {result.Body}\n{Output}");
    }

    /// <summary>This app's webhook destinations subscribed in the account.</summary>
    public IReadOnlyList<JObject> OurWebhooks() =>
        [.. Sandbox.State()["webhooks"]!.Cast<JObject>().Where(w => w.Value<string>("destination")!.StartsWith(new Uri(AppUrl, "api/amocrm/webhooks/").AbsoluteUri, StringComparison.Ordinal))];

    /// <summary>The path (relative to the app) of the one subscribed destination.</summary>
    public string WebhookPath() => new Uri(Assert.Single(OurWebhooks()).Value<string>("destination")!).PathAndQuery.TrimStart('/');

    /// <summary>Every inbox item of the installation, whatever its status.</summary>
    public async Task<int> InboxCountAsync() => (await Store.Inbox.CountAsync(MemberId)).Values.Sum();

    /// <summary>Posts <paramref name="body"/> to the app.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, string body, string? contentType = "application/x-www-form-urlencoded")
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(int Status, string Body)> GetAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> and the app's output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(90)))
            {
                throw new TimeoutException($"Timed out waiting for {what}.\nApp output:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        Http.Dispose();
        await Store.DisposeAsync();
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
