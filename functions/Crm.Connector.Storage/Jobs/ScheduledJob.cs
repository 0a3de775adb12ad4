using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Jobs;

/// <summary>
/// Something to do at a time: an escalation if a lead is still unprocessed, a call-back, a reminder a year ahead, a
/// delayed automation check. <see cref="Key"/> makes scheduling idempotent: scheduling the same key twice keeps one job.
/// </summary>
public sealed record ScheduledJob
{
    public long Id { get; init; }

    /// <summary>Unique key, e.g. <c>{member}:deal:42:escalate:{occurrence}</c>.</summary>
    public required string Key { get; init; }

    public required string MemberId { get; init; }

    /// <summary>What to run (open set; the job runner dispatches on it).</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public JObject Payload { get; init; } = [];

    public int Attempts { get; init; }

    public JobStatus Status { get; init; } = JobStatus.Scheduled;

    public string? Error { get; init; }
}
