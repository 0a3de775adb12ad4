namespace Crm.Connector.Functions.Work;

/// <summary>Log messages of the worker (stable event ids; portal by member_id, never tokens).</summary>
internal static partial class WorkLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Portal {MemberId}: {Items} inbox items, {Targets} CRM items read, {Writes} writes, {Failed} to retry")]
    public static partial void Processed(ILogger logger, string memberId, int items, int targets, int writes, int failed);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Portal {MemberId}: {Entity} {ItemId}: {Decision}")]
    public static partial void Decided(ILogger logger, string memberId, string entity, long itemId, string decision);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Portal {MemberId}: {Failure}; the work goes back to the inbox")]
    public static partial void PortalFailed(ILogger logger, string memberId, string failure);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Portal {MemberId}: robot {Code} on {Entity} {ItemId} not run, the workflow was told (bizproc.event.send): {Why}")]
    public static partial void RobotNotRun(ILogger logger, string memberId, string code, string entity, long itemId, string why);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Portal {MemberId}: {Effects} effects confirmed ({Found} found in the portal after a restart, not sent again), {Retry} to retry")]
    public static partial void EffectsSent(ILogger logger, string memberId, int effects, int found, int retry);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Portal {MemberId}: {Count} effects not confirmed ({Failure}); they are looked for in the portal before being sent again")]
    public static partial void EffectsUnconfirmed(ILogger logger, string memberId, int count, string failure);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "Portal {MemberId}: another instance holds its work; it is left to that one")]
    public static partial void LeaseHeld(ILogger logger, string memberId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Portal {MemberId}: stopped draining: {Why}")]
    public static partial void LeaseLost(ILogger logger, string memberId, string why);
}
