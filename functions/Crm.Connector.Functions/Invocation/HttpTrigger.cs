using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// An HTTP trigger at <c>/api/{Route}</c>. Anonymous: callers are the CRM and the marketplace, which carry no function
/// key — each function checks its caller itself (application token, install verification).
/// </summary>
public sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods) : FunctionTrigger
{
    public override string Name => "req";

    public override JObject ToBinding() => new()
    {
        ["type"] = "httpTrigger",
        ["direction"] = "in",
        ["name"] = Name,
        ["authLevel"] = "anonymous",
        ["methods"] = new JArray(Methods.Select(m => m.ToLowerInvariant())),
        ["route"] = Route,
    };
}
