namespace Crm.Connector.Testing.WorkerHost;

/// <summary>The outcome the worker reported for an invocation.</summary>
public enum InvocationStatus
{
    Failure,
    Success,
    Cancelled,
}
