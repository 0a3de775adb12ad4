namespace Crm.Connector.Functions.AmoCrm.Work;

/// <summary>Log messages of the amoCRM work (stable event ids 3100–3199; the account by member id, never tokens or personal data).</summary>
internal static partial class AmoWorkLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Account {MemberId}: {Effects} effects confirmed ({Found} found in the account after a restart, not sent again) in {Requests} write requests, {Retry} to retry, {Failed} refused")]
    public static partial void EffectsSent(ILogger logger, string memberId, int effects, int found, int requests, int retry, int failed);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Account {MemberId}: {Call}: {Count} effects not confirmed ({Failure}); they are looked for in the account before being sent again")]
    public static partial void EffectsUnconfirmed(ILogger logger, string memberId, string call, int count, string failure);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Account {MemberId}: {Call}: amoCRM refused effect {EffectKey}: {Failure}")]
    public static partial void EffectRefused(ILogger logger, string memberId, string call, string effectKey, string failure);
}
