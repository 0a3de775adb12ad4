using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>Building <see cref="InvocationResult"/>s.</summary>
public static class InvocationResults
{
    /// <summary>An HTTP answer, with optional queue messages under <paramref name="queueBinding"/>.</summary>
    public static InvocationResult Http(HttpOutput response, string? queueBinding = null, IReadOnlyCollection<JObject>? messages = null, params string[] logs)
    {
        ArgumentNullException.ThrowIfNull(response);
        var outputs = new Dictionary<string, JToken>(StringComparer.Ordinal) { [FunctionOutput.HttpResponse] = response.ToJson() };
        if (queueBinding is not null && messages is { Count: > 0 })
        {
            outputs[queueBinding] = Messages(messages);
        }

        return new InvocationResult { Outputs = outputs, Logs = logs };
    }

    /// <summary>Only queue messages (or nothing): a queue or timer function's answer.</summary>
    public static InvocationResult Queue(string queueBinding, IReadOnlyCollection<JObject> messages, params string[] logs)
    {
        var outputs = new Dictionary<string, JToken>(StringComparer.Ordinal);
        if (messages.Count > 0)
        {
            outputs[queueBinding] = Messages(messages);
        }

        return new InvocationResult { Outputs = outputs, Logs = logs };
    }

    /// <summary>
    /// Messages as an array of already-serialized JSON strings — the safe form (§5.4): one message per element, and JSON
    /// text is never mistaken for base64.
    /// </summary>
    public static JArray Messages(IEnumerable<JObject> messages) => new(messages.Select(m => m.ToString(Newtonsoft.Json.Formatting.None)));
}
