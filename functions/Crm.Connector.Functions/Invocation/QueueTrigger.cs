using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>A queue trigger: one invocation per message of <see cref="Queue"/>; failures retried, then poisoned (host.json).</summary>
public sealed record QueueTrigger(string Queue) : FunctionTrigger
{
    public override string Name => "item";

    public override JObject ToBinding() => new()
    {
        ["type"] = "queueTrigger",
        ["direction"] = "in",
        ["name"] = Name,
        ["queueName"] = Queue,
        ["connection"] = FunctionDefinition.StorageConnection,
    };
}
