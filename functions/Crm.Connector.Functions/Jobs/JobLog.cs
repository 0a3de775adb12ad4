namespace Crm.Connector.Functions.Jobs;

internal static partial class JobLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Job {Kind} for portal {MemberId} failed (attempt {Attempt}); retried later")]
    public static partial void Failed(ILogger logger, string kind, string memberId, int attempt, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Reconcile of installation {MemberId} failed: {Failure}")]
    public static partial void ReconcileFailed(ILogger logger, string memberId, string failure);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "due-jobs: {Jobs} jobs run ({Failed} failed), {Stalled} stalled portals queued (past due: {PastDue})")]
    public static partial void DueJobsRan(ILogger logger, int jobs, int failed, int stalled, bool pastDue);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "reconcile: {Portals} portals queued for their sweep (past due: {PastDue})")]
    public static partial void ReconcileQueued(ILogger logger, int portals, bool pastDue);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Dropped a crm-work message that is not a drain request")]
    public static partial void NotADrain(ILogger logger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "{Function}: this period is run by another instance; skipped")]
    public static partial void PeriodHeldElsewhere(ILogger logger, string function);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Reconcile of portal {MemberId}: {Items} missed changes put into the inbox")]
    public static partial void MissedChangesFound(ILogger logger, string memberId, int items);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Dropped a reconcile-portal message that is not a sweep request")]
    public static partial void NotAReconcile(ILogger logger);
}
