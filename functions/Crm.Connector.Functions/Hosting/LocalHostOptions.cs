namespace Crm.Connector.Functions.Hosting;

/// <summary>Settings of the embedded local host (section <c>LocalHost</c>; environment <c>LocalHost__Url</c>).</summary>
public sealed record LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Where the local host listens. Default <c>http://127.0.0.1:7071</c>, the Functions host's own default.</summary>
    public string Url { get; init; } = "http://127.0.0.1:7071";
}
