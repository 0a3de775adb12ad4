namespace Crm.Connector.Functions.Jobs;

internal static partial class JobLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Job {Kind} for portal {MemberId} failed (attempt {Attempt}); retried later")]
    public static partial void Failed(ILogger logger, string kind, string memberId, int attempt, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Reconcile of portal {MemberId} failed: {Code}")]
    public static partial void ReconcileFailed(ILogger logger, string memberId, string code);
}
