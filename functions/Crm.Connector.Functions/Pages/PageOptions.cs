namespace Crm.Connector.Functions.Pages;

/// <summary>The app's pages inside the portal (section <c>Pages</c>).</summary>
public sealed class PageOptions
{
    public const string Section = "Pages";

    /// <summary>How long a page session lasts after the portal opened the app (default 1 hour, as the frame's access token).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest file the import page accepts (default 10 MB; the local host's request limit is above it).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>An import run whose worker reported nothing for this long is taken over by the next delivery of its message.</summary>
    public TimeSpan ImportStaleAfter { get; set; } = TimeSpan.FromMinutes(5);
}
