namespace Crm.Connector.Functions.Hosting;

/// <summary>Settings of the embedded local host (section <c>LocalHost</c>; environment <c>LocalHost__Url</c>).</summary>
public sealed record LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Largest request body the app reads (4 MB); larger ones are refused with 413 before they are read.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Where the local host listens. Default <c>http://127.0.0.1:7071</c>, the Functions host's own default.</summary>
    public string Url { get; init; } = "http://127.0.0.1:7071";
}
