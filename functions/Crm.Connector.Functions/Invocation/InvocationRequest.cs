using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// What the Functions host sends a custom handler for one invocation: <c>{"Data": {…}, "Metadata": {…}}</c>, keyed by
/// binding name (azure-functions-custom-handler.md §4). Values are as the host encodes them: strings and scalars arrive
/// JSON-encoded inside strings (§4.2) — read them with <see cref="EnvelopeValues"/>.
/// </summary>
public sealed record InvocationRequest
{
    public required string FunctionName { get; init; }

    /// <summary>Input values by binding name (the trigger included).</summary>
    public JObject Data { get; init; } = [];

    /// <summary>Trigger metadata (queue DequeueCount, Id…, HTTP query and headers, <c>sys</c>).</summary>
    public JObject Metadata { get; init; } = [];

    /// <summary>The invocation id the host sent (<c>X-Azure-Functions-InvocationId</c>), for logs.</summary>
    public string? InvocationId { get; init; }
}
