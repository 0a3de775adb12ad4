using System.Text.Json;

namespace Crm.Connector.Testing.WorkerHost;

/// <summary>One binding of a function as the worker declared it (a <c>functions.metadata</c> binding object).</summary>
/// <param name="Name">Parameter name, or <c>$return</c> for the return value.</param>
/// <param name="Type">Binding type: <c>httpTrigger</c>, <c>queueTrigger</c>, <c>timerTrigger</c>, <c>queue</c>, <c>http</c>...</param>
/// <param name="Direction">In or out.</param>
/// <param name="DataType">The declared <c>dataType</c> (<c>String</c>, <c>Binary</c>...), if any.</param>
/// <param name="RawJson">The binding's JSON as the worker sent it.</param>
public sealed record WorkerFunctionBinding(string Name, string Type, BindingDirection Direction, string? DataType, string RawJson)
{
    /// <summary>A trigger binding (its type ends in <c>Trigger</c>).</summary>
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The HTTP route template (without the route prefix), for HTTP triggers that declare one.</summary>
    public string? Route => Property("route");

    /// <summary>The queue name of a queue trigger or queue output.</summary>
    public string? QueueName => Property("queueName");

    /// <summary>The NCRONTAB schedule (or app setting name) of a timer trigger.</summary>
    public string? Schedule => Property("schedule");

    /// <summary>The HTTP methods of an HTTP trigger; empty means any method.</summary>
    public IReadOnlyList<string> Methods
    {
        get
        {
            using var json = JsonDocument.Parse(RawJson);
            return Find(json.RootElement, "methods") is { ValueKind: JsonValueKind.Array } methods
                ? methods.EnumerateArray().Select(m => m.GetString() ?? "").Where(m => m.Length > 0).ToArray()
                : [];
        }
    }

    /// <summary>Whether the worker asked for deferred binding (an SDK type such as <c>QueueMessage</c>).</summary>
    public bool SupportsDeferredBinding
    {
        get
        {
            using var json = JsonDocument.Parse(RawJson);
            return Find(json.RootElement, "properties") is { ValueKind: JsonValueKind.Object } properties
                && Find(properties, "supportsDeferredBinding") is { } value
                && string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A top-level string property of the binding JSON (case-insensitive name), or null.</summary>
    public string? Property(string name)
    {
        using var json = JsonDocument.Parse(RawJson);
        return Find(json.RootElement, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
    }

    internal static JsonElement? Find(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
