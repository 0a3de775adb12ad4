namespace Crm.Connector.Functions.Hosting;

/// <summary>Log messages of the host (stable event ids).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Crm.Connector function app listening on {Url} ({Mode})")]
    public static partial void Listening(ILogger logger, string url, HostingMode mode);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Crm.Connector function app stopping ({Mode})")]
    public static partial void Stopping(ILogger logger, HostingMode mode);
}
