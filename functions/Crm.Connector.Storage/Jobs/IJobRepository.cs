namespace Crm.Connector.Storage.Jobs;

/// <summary>Scheduled jobs, claimed exactly once across processes (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL).</summary>
public interface IJobRepository
{
    /// <summary>Schedules the job unless one with its key exists; returns the id of the job that holds the key.</summary>
    Task<long> ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> scheduled jobs due at or before <paramref name="now"/> (oldest due first) for
    /// <paramref name="lease"/>; each claim increments <see cref="ScheduledJob.Attempts"/>. A job is never handed to two
    /// callers while its lease holds.
    /// </summary>
    Task<IReadOnlyList<ScheduledJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ClaimDueAsync(DateTimeOffset, int, TimeSpan, CancellationToken)"/>, only jobs of <paramref name="kinds"/> (null: any).</summary>
    Task<IReadOnlyList<ScheduledJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, IReadOnlyCollection<string>? kinds, CancellationToken cancellationToken = default);

    Task CompleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>After a failure: due again at <paramref name="retryAt"/>, or <see cref="JobStatus.Failed"/> at <paramref name="maxAttempts"/>.</summary>
    Task RetryAsync(long id, string failure, DateTimeOffset retryAt, int maxAttempts, CancellationToken cancellationToken = default);

    /// <summary>Cancels scheduled jobs whose key starts with <paramref name="keyPrefix"/> (the condition no longer holds). Returns how many.</summary>
    Task<int> CancelAsync(string memberId, string keyPrefix, CancellationToken cancellationToken = default);

    Task<ScheduledJob?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<ScheduledJob?> FindAsync(string key, CancellationToken cancellationToken = default);
}
