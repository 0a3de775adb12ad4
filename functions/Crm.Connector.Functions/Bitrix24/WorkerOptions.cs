namespace Crm.Connector.Functions.Bitrix24;

/// <summary>How the worker takes accepted work (configuration section <c>Worker</c>).</summary>
public sealed record WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Most inbox items taken per claim (their items are read and written in batches of 50).</summary>
    public int ClaimSize { get; init; } = 200;

    /// <summary>How long a claim holds; a worker that dies loses its items to another after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a portal's work lease holds without renewal (renewed before every claim and every write request): an
    /// instance that dies holding it lets another take the portal's work over after this.
    /// </summary>
    public TimeSpan PortalLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before a claim so that a burst of events for one portal is read in one batch.</summary>
    public TimeSpan Coalesce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Attempts before an item is given up (kept as failed, with its error).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before a failed item is tried again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one drain runs before it hands the rest to a new queue message (stays well inside functionTimeout).</summary>
    public TimeSpan DrainBudget { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pending items older than this are drained by the due-jobs timer (a lost queue message).</summary>
    public TimeSpan StalledAfter { get; init; } = TimeSpan.FromMinutes(1);
}
