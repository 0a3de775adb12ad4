using Crm.Connector.Storage.Jobs;

namespace Crm.Connector.Functions.Jobs;

/// <summary>Runs one kind of scheduled job. Throwing means "try again later" (up to the job's attempts).</summary>
public interface IJobHandler
{
    string Kind { get; }

    Task RunAsync(ScheduledJob job, CancellationToken cancellationToken);
}
