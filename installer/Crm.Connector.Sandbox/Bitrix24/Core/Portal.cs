using Crm.Connector.Sandbox.Bitrix24.Events;
using Crm.Connector.Sandbox.Bitrix24.Install;
using Crm.Connector.Sandbox.Bitrix24.Limits;
using Crm.Connector.Sandbox.Bitrix24.Methods;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.Bitrix24.Core;

/// <summary>
/// The portal behind the HTTP routes: state, tokens, limits, faults, counters, methods, events and its addresses.
/// </summary>
internal sealed class Portal : IAsyncDisposable
{
    /// <summary>Scopes of OAuth tokens: everything the portal knows (the app is installed with all of them).</summary>
    public const string AllScopes = "crm,task,im,user,department,bizproc,placement";

    private volatile SandboxApp _app;
    private Uri? _baseUrl;
    private Uri? _alternateBaseUrl;
    private volatile bool _domainChanged;
    private volatile Uri? _appHandler;

    public Portal(Bitrix24SandboxOptions options, ILoggerFactory loggers)
    {
        Options = options;
        Clock = options.TimeProvider ?? TimeProvider.System;
        Plan = PlanProfile.For(options.Plan);
        Faults = new SandboxFaults();
        Faults.CopyFrom(options.Faults);
        Tokens = new TokenStore(Clock, options.AccessTokenLifetime);
        Bucket = new LeakyBucket(options.Burst ?? Plan.Burst, options.DrainPerSecond ?? Plan.DrainPerSecond, Clock);
        Budget = new OperatingTimeBudget(options.OperatingTimeLimit, Clock);
        _app = new SandboxApp(
            options.ClientId ?? $"app.{RandomTokens.Hex(14)}.{RandomTokens.Digits(8)}",
            options.ClientSecret ?? RandomTokens.Hex(50),
            RandomTokens.Hex(32),
            options.MemberId ?? RandomTokens.Hex(32));
        WebhookSecret = RandomTokens.Hex(16);
        WebhookScopes = new HashSet<string>(options.WebhookScopes.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
        Logger = loggers.CreateLogger("Crm.Connector.Sandbox.Bitrix24");
        Outbound = new HttpClient { Timeout = options.HandlerTimeout > TimeSpan.Zero ? options.HandlerTimeout : TimeSpan.FromSeconds(5) };
        Events = new EventDispatcher(this, Logger, Math.Max(1, options.EventConcurrency));
        Lifecycle = new AppLifecycle(this);
        _appHandler = options.AppHandler;
        Methods = MethodCatalog.Build();
    }

    public Bitrix24SandboxOptions Options { get; }

    public TimeProvider Clock { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public PlanProfile Plan { get; }

    public PortalState State { get; } = new();

    public TokenStore Tokens { get; }

    public LeakyBucket Bucket { get; }

    public OperatingTimeBudget Budget { get; }

    public StatsCounters Stats { get; } = new();

    public SandboxFaults Faults { get; }

    public MethodRegistry Methods { get; }

    public EventDispatcher Events { get; }

    /// <summary>The app as it is now; replaced as a whole on install, update and uninstall (§1).</summary>
    public SandboxApp App
    {
        get => _app;
        set => _app = value;
    }

    /// <summary>
    /// The app's main page (the DEFAULT placement) as its marketplace card gives it; null until set. It belongs to the
    /// app's card, not to an installation, so an uninstall keeps it.
    /// </summary>
    public Uri? AppHandler
    {
        get => _appHandler;
        set => _appHandler = value;
    }

    /// <summary>Installing, updating and uninstalling the app (§1.2–§1.5).</summary>
    public AppLifecycle Lifecycle { get; }

    public string WebhookSecret { get; }

    public IReadOnlySet<string> WebhookScopes { get; }

    public ILogger Logger { get; }

    /// <summary>Outgoing calls (events, robot handlers): one client with a short timeout (<see cref="Bitrix24SandboxOptions.HandlerTimeout"/>).</summary>
    public HttpClient Outbound { get; }

    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The portal is not listening yet.");

    public Uri AlternateBaseUrl => _alternateBaseUrl ?? throw new InvalidOperationException("The portal is not listening yet.");

    public bool DomainChanged => _domainChanged;

    /// <summary>Where the portal lives now: the alternate address after <see cref="ChangeDomain"/>.</summary>
    public Uri CurrentBaseUrl => _domainChanged ? AlternateBaseUrl : BaseUrl;

    public Uri ClientEndpoint => new(CurrentBaseUrl, "rest/");

    /// <summary>The OAuth server's REST address (the sandbox plays oauth.bitrix.info too, and it does not move).</summary>
    public Uri ServerEndpoint => new(BaseUrl, "rest/");

    public Uri TokenEndpoint => new(BaseUrl, "oauth/token/");

    public void Bind(Uri baseUrl, Uri alternateBaseUrl)
    {
        _baseUrl = baseUrl;
        _alternateBaseUrl = alternateBaseUrl;
    }

    public void ChangeDomain() => _domainChanged = true;

    /// <summary>The <c>auth</c> block of events (§4.3): the portal and the app (its current application_token), no tokens.</summary>
    public IEnumerable<KeyValuePair<string, string>> AuthWithoutTokens(string prefix)
    {
        var app = App;
        yield return new($"{prefix}[domain]", CurrentBaseUrl.Authority);
        yield return new($"{prefix}[client_endpoint]", ClientEndpoint.AbsoluteUri);
        yield return new($"{prefix}[server_endpoint]", ServerEndpoint.AbsoluteUri);
        yield return new($"{prefix}[member_id]", app.MemberId);
        yield return new($"{prefix}[application_token]", app.ApplicationToken);
        yield return new($"{prefix}[status]", app.Status);
        yield return new($"{prefix}[scope]", AllScopes);
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        Lifecycle.Dispose();
        Outbound.Dispose();
    }
}
