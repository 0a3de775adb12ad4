using Crm.Connector.Functions.Invocation;

namespace Crm.Connector.Functions.Hosting;

/// <summary>Runs a function and turns an unexpected exception into a logged failure (null), the same in both hosting modes.</summary>
internal static class FunctionInvoker
{
    public static async Task<InvocationResult?> InvokeAsync(IFunction function, InvocationRequest request, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            return await function.InvokeAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            HostingLog.InvocationCancelled(log, request.FunctionName);
            return null;
        }
#pragma warning disable CA1031 // An invocation's failure is reported to the host as such, whatever its cause; the exception is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.InvocationFailed(log, e, request.FunctionName, request.InvocationId);
            return null;
        }
    }
}
