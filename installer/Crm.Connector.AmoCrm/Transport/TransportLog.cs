using Microsoft.Extensions.Logging;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>Log lines of the transport: the account and the call in every line; never a token or a field value.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "amoCRM {Account} {Call}: {Reason}; retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string account, string call, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "amoCRM {Account}: refreshing the access token ({Reason})")]
    public static partial void Refreshing(ILogger logger, string account, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "amoCRM {Account}: the refresh token was refused, but another worker had stored a newer pair; using it")]
    public static partial void LostRefreshRace(ILogger logger, string account);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Critical, Message = "amoCRM {Account} {Call}: the account's IP is blocked (403); no requests until {Until}")]
    public static partial void Blocked(ILogger logger, string account, string call, DateTimeOffset until);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "amoCRM {Account} {Call}: {Entities} {Noun} entities carry more than 40 custom field values; the rest follow in {Requests} PATCH requests")]
    public static partial void SplitValues(ILogger logger, string account, string call, int entities, string noun, int requests);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "amoCRM {Account} {Call}: the answer was lost after sending; the create is not sent again")]
    public static partial void UncertainWrite(ILogger logger, string account, string call);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "amoCRM {Account}: the refresh token was refused and the store holds no newer pair; re-install needed")]
    public static partial void ReinstallNeeded(ILogger logger, string account);
}
