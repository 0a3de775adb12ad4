using Microsoft.Extensions.Logging;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>Log lines of the transport: the portal and method in every line; never a token or a field value.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Bitrix24 {Portal} {Method}: {Code}; retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string portal, string method, string code, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Bitrix24 {Portal} {Method}: access token expired; refreshing")]
    public static partial void Refreshing(ILogger logger, string portal, string method);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Bitrix24 {Portal} moved from {OldDomain} to {NewDomain}")]
    public static partial void Moved(ILogger logger, string portal, string oldDomain, string newDomain);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Bitrix24 {Portal} {Method}: execution-time budget nearly spent; waiting {Delay}")]
    public static partial void OperatingWait(ILogger logger, string portal, string method, TimeSpan delay);
}
