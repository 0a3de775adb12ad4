namespace Crm.Connector.Functions.Bitrix24;

/// <summary>The app's own address (configuration section <c>App</c>).</summary>
public sealed record AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The public base URL portals reach the app at (event and robot handlers are registered under it). Default: where
    /// this process listens.
    /// </summary>
    public Uri? PublicUrl { get; init; }
}
