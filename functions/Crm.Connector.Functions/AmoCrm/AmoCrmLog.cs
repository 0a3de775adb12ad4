namespace Crm.Connector.Functions.AmoCrm;

/// <summary>The amoCRM edge's log lines: the member id (or host) and the step in each, never a token, code or secret.</summary>
internal static partial class AmoCrmLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "amoCRM install of {MemberId} on {Host}: stored, webhooks {Webhooks}, provisioning queued")]
    public static partial void Installed(ILogger logger, string memberId, string host, string webhooks);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "amoCRM install from {Host} refused: {Code}")]
    public static partial void InstallRefused(ILogger logger, string host, string code);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "amoCRM {MemberId}: webhook subscription failed ({Call}: {Error})")]
    public static partial void SubscribeFailed(ILogger logger, string memberId, string call, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "amoCRM {MemberId}: uninstalled (inbox {Closed} closed, {Unsent} effects not sent, {Cancelled} jobs cancelled)")]
    public static partial void Uninstalled(ILogger logger, string memberId, int closed, int unsent, int cancelled);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "amoCRM uninstall hook for account {AccountId} refused: bad signature or client")]
    public static partial void UninstallRefused(ILogger logger, long accountId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "amoCRM {MemberId}: template {Template} provisioned, {Created} created, {Updated} updated, {Failed} failed, {Requests} requests")]
    public static partial void Provisioned(ILogger logger, string memberId, string template, int created, int updated, int failed, int requests);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "amocrm-provision: not a provisioning message; dropped")]
    public static partial void NotAProvisionMessage(ILogger logger);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "amoCRM {MemberId}: old webhook destination could not be removed ({Error})")]
    public static partial void UnsubscribeFailed(ILogger logger, string memberId, string error);
}
