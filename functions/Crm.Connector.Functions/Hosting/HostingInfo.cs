namespace Crm.Connector.Functions.Hosting;

/// <summary>How this process runs and where it listens.</summary>
public sealed record HostingInfo(HostingMode Mode, string Url);
