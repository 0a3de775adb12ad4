namespace Crm.Connector.Storage.Jobs;

public enum JobStatus
{
    /// <summary>Waiting for its time (or claimed under a lease that has not run out).</summary>
    Scheduled,

    Done,

    Cancelled,

    /// <summary>Gave up after the maximum attempts.</summary>
    Failed,
}
