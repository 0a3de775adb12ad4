namespace Crm.Connector.Installer.Desired;

/// <summary>What shapes the desired state besides the template: the portal's plan, language and the app's endpoints.</summary>
public sealed record DesiredOptions
{
    /// <summary>The portal's plan (canonical name); parts needing a higher one are skipped.</summary>
    public required string Plan { get; init; }

    /// <summary>Language of stage names and texts written to the portal.</summary>
    public string Language { get; init; } = "ru";

    /// <summary>The app's public base URL: robots are registered at <c>{base}/api/bitrix24/robots/{code}</c>. Null: robots are not registered.</summary>
    public Uri? HandlerBase { get; init; }

    /// <summary>True when connected as the app (robots and event handlers can be registered).</summary>
    public bool AppContext { get; init; }

    /// <summary>Event handlers to bind (the function app passes its own).</summary>
    public IReadOnlyList<DesiredEvent> Events { get; init; } = [];

    /// <summary>What the CRM holds natively (roles, loss reasons, stage-required fields).</summary>
    public ProvisioningCapabilities Capabilities { get; init; } = ProvisioningCapabilities.Bitrix24;
}
