using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.Install;
using Crm.Connector.Sandbox.AmoCrm.Limits;
using Crm.Connector.Sandbox.AmoCrm.OAuth;
using Crm.Connector.Sandbox.AmoCrm.Routes;
using Crm.Connector.Sandbox.AmoCrm.State;
using Crm.Connector.Sandbox.AmoCrm.Webhooks;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.AmoCrm.Core;

/// <summary>The account behind the HTTP routes: state, tokens, the rate limit, faults, counters, routes, webhooks.</summary>
internal sealed class Account : IAsyncDisposable
{
    private volatile AmoSandboxApp _app;
    private Uri? _baseUrl;

    public Account(AmoCrmSandboxOptions options, ILoggerFactory loggers)
    {
        Options = options;
        Clock = options.TimeProvider ?? TimeProvider.System;
        State = new AccountState { AccountId = options.AccountId, Subdomain = options.Subdomain };
        AccountSeed.Apply(State, options.Subdomain);
        _app = new AmoSandboxApp(options.ClientId ?? Guid.NewGuid().ToString(), options.ClientSecret ?? RandomText.Letters(64), options.RedirectUri, Installed: true);
        Tokens = new TokenStore(Clock, options, () => App.ClientId, () => BaseUrl.Authority);
        Limiter = new RollingWindow(options.RequestsPerSecond, Clock);
        Logger = loggers.CreateLogger("Crm.Connector.Sandbox.AmoCrm");
        Webhooks = new WebhookDispatcher(this, Logger, options.WebhookConcurrency);
        Lifecycle = new AppLifecycle(this);
        Routes = ApiRoutes.Build();
    }

    public AmoCrmSandboxOptions Options { get; }

    public TimeProvider Clock { get; }

    public long NowSeconds => Clock.GetUtcNow().ToUnixTimeSeconds();

    public AccountState State { get; }

    public TokenStore Tokens { get; }

    public RollingWindow Limiter { get; }

    public AmoSandboxFaults Faults { get; } = new();

    public AmoSandboxStats Stats { get; } = new();

    public ILogger Logger { get; }

    public WebhookDispatcher Webhooks { get; }

    public AppLifecycle Lifecycle { get; }

    public RouteTable Routes { get; }

    /// <summary>The integration as it is now; replaced as a whole on install and uninstall.</summary>
    public AmoSandboxApp App
    {
        get => _app;
        set => _app = value;
    }

    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The account is not listening yet.");

    public void Bind(Uri baseUrl) => _baseUrl = baseUrl;

    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync();
        Lifecycle.Dispose();
    }
}
