namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>Log messages of the worker (stable event ids; portal by member_id, never tokens).</summary>
internal static partial class WorkLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Portal {MemberId}: {Items} inbox items, {Targets} CRM items read, {Writes} writes, {Failed} to retry")]
    public static partial void Processed(ILogger logger, string memberId, int items, int targets, int writes, int failed);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Portal {MemberId}: {Entity} {ItemId}: {Decision}")]
    public static partial void Decided(ILogger logger, string memberId, string entity, long itemId, string decision);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Portal {MemberId}: {Method} failed with {Code}; the items go back to the inbox")]
    public static partial void PortalFailed(ILogger logger, string memberId, string method, string code);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Portal {MemberId}: robot {Code} on {Entity} {ItemId} not run, the workflow was told (bizproc.event.send): {Why}")]
    public static partial void RobotNotRun(ILogger logger, string memberId, string code, string entity, long itemId, string why);
}
