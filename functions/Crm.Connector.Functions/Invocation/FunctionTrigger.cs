using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>What starts a function (§3).</summary>
public abstract record FunctionTrigger
{
    /// <summary>The binding name: the key of the trigger's value in <c>Data</c>.</summary>
    public abstract string Name { get; }

    public abstract JObject ToBinding();
}
