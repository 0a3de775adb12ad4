namespace Crm.Connector.Testing.WorkerHost;

/// <summary>
/// The worker did not start, broke the protocol, failed a step or did not answer in time. The message carries the
/// worker's captured standard error and output and its last log messages.
/// </summary>
public sealed class WorkerHostException : Exception
{
    public WorkerHostException()
    {
    }

    public WorkerHostException(string message)
        : base(message)
    {
    }

    public WorkerHostException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
