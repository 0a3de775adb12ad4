using System.Net;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>A raw answer of the sandbox: status, JSON body (empty object when there is none) and the Location header.</summary>
internal sealed record RestReply(HttpStatusCode Status, JObject Body, Uri? Location)
{
    public JToken? Result => Body["result"];

    public string? Error => Body.Value<string>("error");

    public string? Description => Body.Value<string>("error_description");

    /// <summary>The result, failing the test with the body when the call did not succeed.</summary>
    public JToken Ok()
    {
        Assert.True(Status == HttpStatusCode.OK && Body["result"] is not null, $"expected success, got {(int)Status}: {Body}");
        return Body["result"]!;
    }

    /// <summary>Asserts an error answer with this HTTP status and code.</summary>
    public RestReply Fails(HttpStatusCode status, string code)
    {
        Assert.True(Status == status && Error == code, $"expected {(int)status} {code}, got {(int)Status}: {Body}");
        return this;
    }
}
