namespace Crm.Connector.Functions.Hosting;

/// <summary>Settings of the embedded local host (section <c>LocalHost</c>; environment <c>LocalHost__Url</c>).</summary>
public sealed record LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>
    /// Largest request body the local host reads (12 MB: the import page's 10 MB file with its form); larger ones are
    /// refused with 413 before they are read. Webhooks have their own, smaller limit (<c>Bitrix24:MaxBodyBytes</c>).
    /// </summary>
    public const long MaxRequestBodyBytes = 12 * 1024 * 1024;

    /// <summary>Where the local host listens. Default <c>http://127.0.0.1:7071</c>, the Functions host's own default.</summary>
    public string Url { get; init; } = "http://127.0.0.1:7071";
}
