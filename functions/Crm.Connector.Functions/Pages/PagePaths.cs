namespace Crm.Connector.Functions.Pages;

/// <summary>Where the pages live (under the host's <c>api</c> route prefix).</summary>
public static class PagePaths
{
    public const string Main = "/api/app";

    public const string Settings = "/api/app/settings";

    public const string Import = "/api/app/import";

    /// <summary>A placement's handler: <c>/api/app/placements/{key}</c> (what the installer binds).</summary>
    public static string Placement(string key) => "/api/app/placements/" + Uri.EscapeDataString(key);
}
