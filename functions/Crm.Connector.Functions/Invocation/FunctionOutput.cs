using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>An output binding: the HTTP response (<c>res</c>) or messages to a queue.</summary>
public sealed record FunctionOutput(string Name, string Type, string? Queue = null)
{
    public const string HttpResponse = "res";

    /// <summary>The HTTP response of an HTTP trigger.</summary>
    public static readonly FunctionOutput Http = new(HttpResponse, "http");

    /// <summary>Messages to <paramref name="queue"/>, set in <c>Outputs[name]</c> as an array of JSON strings.</summary>
    public static FunctionOutput ToQueue(string name, string queue) => new(name, "queue", queue);

    public JObject ToBinding() => Queue is null
        ? new JObject { ["type"] = Type, ["direction"] = "out", ["name"] = Name }
        : new JObject { ["type"] = Type, ["direction"] = "out", ["name"] = Name, ["queueName"] = Queue, ["connection"] = FunctionDefinition.StorageConnection };
}
