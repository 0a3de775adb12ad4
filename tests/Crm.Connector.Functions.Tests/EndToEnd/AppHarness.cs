using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Testing;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// A sandbox portal in the test process and the function app as its own process on the local host, configured with
/// the sandbox's OAuth app and a throwaway SQLite store — the production path end to end over loopback HTTP.
/// </summary>
public sealed class AppHarness : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private readonly List<FunctionAppProcess> _instances = [];

    private AppHarness(Bitrix24Sandbox sandbox, string directory, int port, Dictionary<string, string> environment)
    {
        Sandbox = sandbox;
        _directory = directory;
        Port = port;
        _environment = environment;
        Portal = Bitrix24Client.ForWebhook(sandbox.WebhookUrl, new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System) });
        Store = StoreFactory.Create(new StoreOptions { ConnectionString = StorePath });
        Http = new HttpClient { BaseAddress = AppUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Bitrix24Sandbox Sandbox { get; }

    /// <summary>The portal as its admin sees it (a webhook), for changing deals and reading results.</summary>
    public Bitrix24Client Portal { get; }

    /// <summary>The app's store, opened by the test (SQLite allows another process alongside).</summary>
    public IStore Store { get; }

    public HttpClient Http { get; }

    public int Port { get; }

    public Uri AppUrl => new($"http://127.0.0.1:{Port}/");

    public Uri InstallUrl => new(AppUrl, "api/bitrix24/install");

    public string StorePath => Path.Combine(_directory, "store.db");

    internal FunctionAppProcess? App { get; private set; }

    /// <summary>The install's application token (what the portal signs events with).</summary>
    public string ApplicationToken { get; private set; } = string.Empty;

    public string MemberId => Sandbox.App.MemberId;

    public static async Task<AppHarness> StartAsync(Bitrix24SandboxOptions? portal = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var sandbox = await Bitrix24Sandbox.StartAsync(portal ?? new Bitrix24SandboxOptions());
        var directory = Directory.CreateTempSubdirectory("crmc-e2e-").FullName;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["LocalHost__Url"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Store"] = Path.Combine(directory, "store.db"),
            ["Bitrix24__ClientId"] = sandbox.App.ClientId,
            ["Bitrix24__ClientSecret"] = sandbox.App.ClientSecret,
            ["Bitrix24__TokenEndpoint"] = sandbox.TokenEndpoint.AbsoluteUri,
            ["Bitrix24__PortalDomains__0"] = sandbox.BaseUrl.Authority,
            ["Worker__Lease"] = "00:00:03",
            ["Worker__PortalLease"] = "00:00:10",
            ["Worker__Coalesce"] = "00:00:00.050",
            ["Worker__RetryAfter"] = "00:00:01",
            ["Worker__StalledAfter"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Crm.Connector"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var harness = new AppHarness(sandbox, directory, port, environment);
        await harness.StartAppAsync();
        return harness;
    }

    /// <summary>Starts (or restarts) the app process on the same store and port.</summary>
    public async Task StartAppAsync()
    {
        App?.Dispose();
        App = await FunctionAppProcess.StartAsync(Port, _environment);
    }

    /// <summary>Kills the app with SIGKILL: no shutdown, no flushing — what a crash or an evicted instance looks like.</summary>
    public void KillApp()
    {
        App?.Dispose();
        App = null;
    }

    /// <summary>
    /// Another instance of the app on the same store (its own port): it takes work from the same queue and inbox as the
    /// first, as a second instance of a scaled-out function app does. Stopped with the harness.
    /// </summary>
    internal async Task<FunctionAppProcess> StartInstanceAsync()
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>(_environment) { ["LocalHost__Url"] = $"http://127.0.0.1:{port}" };
        var instance = await FunctionAppProcess.StartAsync(port, environment);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>The sandbox installs the app; fails the test unless both messages were accepted.</summary>
    public async Task<SandboxInstallResult> InstallAsync(SandboxInstallOptions? options = null)
    {
        var result = await Sandbox.InstallAppAsync(InstallUrl, options);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Install failed: {string.Join("; ", result.Posts.Select(p => $"{p.Name} {p.StatusCode} {p.Body}"))}\n{App?.Process.Output}");
        }

        ApplicationToken = result.ApplicationToken;
        return result;
    }

    /// <summary>Replaces the application token the tests sign events with (after the portal rotated it).</summary>
    public void UseApplicationToken(string token) => ApplicationToken = token;

    /// <summary>Posts a form body to the app and returns the status and body.</summary>
    public async Task<(int Status, string Body)> PostFormAsync(string path, string body, string contentType = "application/x-www-form-urlencoded")
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An event form as the portal sends it, signed with <paramref name="token"/> (the real one by default).</summary>
    public string EventForm(string name, long id, long ts, string? token = null, string? member = null) =>
        $"event={name}&event_handler_id=1&data%5BFIELDS%5D%5BID%5D={id.ToString(CultureInfo.InvariantCulture)}&ts={ts.ToString(CultureInfo.InvariantCulture)}"
        + $"&auth%5Bdomain%5D={Uri.EscapeDataString(Sandbox.BaseUrl.Authority)}&auth%5Bmember_id%5D={Uri.EscapeDataString(member ?? MemberId)}"
        + $"&auth%5Bapplication_token%5D={Uri.EscapeDataString(token ?? ApplicationToken)}";

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> and the app's output after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out waiting for {what}.\nApp output:\n{App?.Process.Output}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        App?.Dispose();
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        Http.Dispose();
        Portal.Dispose();
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
