namespace Crm.Connector.Testing.WorkerHost;

/// <summary>An HTTP trigger invocation: the worker's HTTP answer and its invocation response.</summary>
/// <param name="Response">What the worker's own HTTP server answered to the proxied request.</param>
/// <param name="Invocation">What the worker reported over the protocol for the same invocation.</param>
public sealed record HttpInvocationResult(HttpResponseMessage Response, InvocationResult Invocation) : IDisposable
{
    public void Dispose() => Response.Dispose();
}
