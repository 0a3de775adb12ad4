using Crm.Connector.Installer.Desired;

namespace Crm.Connector.Installer;

/// <summary>How to plan an installation.</summary>
public sealed record InstallOptions
{
    /// <summary>The portal's plan when it cannot be read from the portal (a webhook), or to override it.</summary>
    public string? Plan { get; init; }

    public bool Adopt { get; init; }

    public bool AllowDestroy { get; init; }

    /// <summary>The app's public base URL (robot handlers).</summary>
    public Uri? HandlerBase { get; init; }

    /// <summary>Event handlers to bind.</summary>
    public IReadOnlyList<DesiredEvent> Events { get; init; } = [];

    public string Language { get; init; } = "ru";
}
