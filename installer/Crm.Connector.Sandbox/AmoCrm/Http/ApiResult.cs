using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>An API answer: status, body (null = none) and its content type.</summary>
internal sealed record ApiResult(int Status, JToken? Body, string ContentType)
{
    public const string Hal = "application/hal+json";
    public const string Problem = "application/problem+json";

    public static ApiResult Ok(JToken body) => new(200, body, Hal);

    public static ApiResult Created(JToken body) => new(201, body, Hal);

    /// <summary>§6.1: an empty list, a delete: 204 with an empty body.</summary>
    public static ApiResult NoContent() => new(204, null, Hal);

    public bool Succeeded => Status is >= 200 and < 300;
}
