using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// A custom handler's answer (§5.1): <c>{"Outputs": {binding: value}, "Logs": […], "ReturnValue": null}</c>. Output keys
/// are matched to binding names case-sensitively by the host, so they are written exactly as declared.
/// </summary>
public sealed record InvocationResult
{
    /// <summary>Output values by binding name: <c>res</c> for HTTP (<see cref="HttpOutput"/>), a queue's name for messages.</summary>
    public IReadOnlyDictionary<string, JToken> Outputs { get; init; } = new Dictionary<string, JToken>(StringComparer.Ordinal);

    /// <summary>Lines the host writes to the function's log (never tokens).</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>The answer as the host expects it; never an empty body (an empty 200 hangs the invocation, §5.1).</summary>
    public JObject ToJson()
    {
        var outputs = new JObject();
        foreach (var (name, value) in Outputs)
        {
            outputs[name] = value;
        }

        return new JObject { [nameof(Outputs)] = outputs, [nameof(Logs)] = new JArray(Logs), ["ReturnValue"] = null };
    }
}
