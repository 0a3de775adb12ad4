using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// A function as the Functions host sees it: its name (the folder of its <c>function.json</c> and the path the host
/// posts to), its trigger and its outputs. <see cref="ToFunctionJson"/> is the file shipped in the publish output.
/// </summary>
public sealed record FunctionDefinition(string Name, FunctionTrigger Trigger, IReadOnlyList<FunctionOutput> Outputs)
{
    /// <summary>The queue-storage connection setting every queue binding uses.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    public JObject ToFunctionJson()
    {
        var bindings = new JArray { Trigger.ToBinding() };
        foreach (var output in Outputs)
        {
            bindings.Add(output.ToBinding());
        }

        return new JObject { ["bindings"] = bindings };
    }
}
