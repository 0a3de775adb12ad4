namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>How a Bitrix24 sandbox portal behaves. Defaults follow the cloud's documented values.</summary>
public sealed record Bitrix24SandboxOptions
{
    /// <summary>TCP port of the portal address (0 = any free port).</summary>
    public int Port { get; init; }

    /// <summary>The portal's plan: free, basic, standard, professional or enterprise (rate limits, app.info LICENSE, plan limits).</summary>
    public string Plan { get; init; } = "professional";

    /// <summary>Leaky-bucket size (requests). Null = the plan's value (50; enterprise 250).</summary>
    public int? Burst { get; init; }

    /// <summary>Leaky-bucket drain (requests per second). Null = the plan's value (2; enterprise 5).</summary>
    public double? DrainPerSecond { get; init; }

    /// <summary>Lifetime of issued OAuth access tokens (documented: 1 hour).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Per-method operating-time budget in a 10-minute window; null = not enforced (the default, as on self-hosted).</summary>
    public TimeSpan? OperatingTimeLimit { get; init; }

    /// <summary>Scopes of the incoming webhook (comma list). Default: everything the product uses.</summary>
    public string WebhookScopes { get; init; } = "crm,task,im,user,department,bizproc";

    /// <summary>Clock of the portal (token expiry, bucket drain, timestamps). Tests pass a fake one.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// How many event deliveries run at once (bitrix24-rest.md §4.5: events leave through a queue, asynchronously, not
    /// in order). Default 16.
    /// </summary>
    public int EventConcurrency { get; init; } = 16;

    /// <summary>
    /// How long an event or robot handler may take to answer before the delivery counts as failed. Default 5 s.
    /// UNCONFIRMED (§4.5, §17): Bitrix24 documents no timeout value.
    /// </summary>
    public TimeSpan HandlerTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the app may take to answer an installation message (callback form, ONAPPINSTALL, ONAPPUPDATE,
    /// ONAPPUNINSTALL) before the POST is reported as timed out. Default 30 s: installers register handlers and robots.
    /// </summary>
    public TimeSpan AppCallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The app's OAuth client id; null = a new random one (<c>app.…</c>). Fixed credentials let an app be configured
    /// before the sandbox starts and installs it (<c>crm-connector sandbox --client-id …</c>).
    /// </summary>
    public string? ClientId { get; init; }

    /// <summary>The app's OAuth client secret; null = a new random one.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The portal's <c>member_id</c>; null = a new random one.</summary>
    public string? MemberId { get; init; }

    /// <summary>
    /// The app's main page (the DEFAULT placement, the marketplace card's handler URL) that <c>/marketplace/app/</c>
    /// frames; null = none until <see cref="Bitrix24Sandbox.SetAppHandler"/>.
    /// </summary>
    public Uri? AppHandler { get; init; }

    /// <summary>Fault injection at start (may be changed later through <see cref="Bitrix24Sandbox.Faults"/>).</summary>
    public SandboxFaults Faults { get; init; } = new();
}
