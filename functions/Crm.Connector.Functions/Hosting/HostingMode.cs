namespace Crm.Connector.Functions.Hosting;

/// <summary>How the process was started.</summary>
public enum HostingMode
{
    /// <summary>On its own (<c>dotnet run</c>): the embedded local host serves the routes, queues and timers itself.</summary>
    Local,

    /// <summary>By the Azure Functions host, as its isolated worker (it passes <c>--functions-worker-id</c>).</summary>
    Worker,
}
