using System.Text.Json;

namespace Crm.Connector.Testing.WorkerHost;

/// <summary>What the worker answered to one invocation.</summary>
public sealed record InvocationResult
{
    public required WorkerFunction Function { get; init; }

    public required string InvocationId { get; init; }

    public required InvocationStatus Status { get; init; }

    /// <summary>The exception the function threw (type, message and stack trace), if it failed.</summary>
    public string? Exception { get; init; }

    /// <summary>Named output bindings the worker sent back (not the return value).</summary>
    public required IReadOnlyList<InvocationOutput> Outputs { get; init; }

    /// <summary>The return value, when the worker sent one (e.g. a queue message declared on the method).</summary>
    public InvocationOutput? ReturnValue { get; init; }

    /// <summary>Log messages the worker sent for this invocation.</summary>
    public required IReadOnlyList<WorkerLogEntry> Logs { get; init; }

    /// <summary>From sending the request to receiving the response.</summary>
    public required TimeSpan Elapsed { get; init; }

    public bool Succeeded => Status == InvocationStatus.Success;

    /// <summary>The value sent for output binding <paramref name="bindingName"/> (<c>$return</c> for the return value), or null.</summary>
    public InvocationOutput? Output(string bindingName) =>
        string.Equals(bindingName, "$return", StringComparison.Ordinal)
            ? ReturnValue
            : Outputs.FirstOrDefault(o => string.Equals(o.Name, bindingName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The messages the function wrote to queue <paramref name="queueName"/> through its queue output bindings, as
    /// the host would enqueue them: a collection or a JSON array is one message per element.
    /// </summary>
    public IReadOnlyList<string> QueueMessages(string queueName)
    {
        var messages = new List<string>();
        foreach (var binding in Function.Outputs.Where(b => string.Equals(b.Type, "queue", StringComparison.OrdinalIgnoreCase)
                     && string.Equals(b.QueueName, queueName, StringComparison.OrdinalIgnoreCase)))
        {
            if (Output(binding.Name) is not { } output)
            {
                continue;
            }

            foreach (var item in output.Items)
            {
                if (output.Kind == TypedValueKind.Json && item.TrimStart().StartsWith('['))
                {
                    using var array = JsonDocument.Parse(item);
                    messages.AddRange(array.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
                }
                else
                {
                    messages.Add(item);
                }
            }
        }

        return messages;
    }

    public override string ToString() =>
        $"{Function.Name} [{InvocationId}] {Status} in {Elapsed.TotalMilliseconds:0} ms{(Exception is null ? "" : ": " + Exception)}";
}
