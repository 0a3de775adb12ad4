namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// One function of the app. Invoked the same way in both hosting modes: by the Functions host posting an envelope to
/// <c>/{Name}</c>, or by the local host building the same envelope itself.
/// </summary>
public interface IFunction
{
    FunctionDefinition Definition { get; }

    /// <summary>
    /// Runs the invocation. Expected outcomes (a refused request, a duplicate event) are results with the right
    /// <c>res</c>; an exception means the invocation failed (the host retries a queue message, answers 500 to HTTP).
    /// </summary>
    Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
