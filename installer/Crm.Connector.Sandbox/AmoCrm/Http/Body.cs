using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>The request body of writes: arrays of objects for batch routes, one object for <c>/{id}</c> routes.</summary>
internal static class Body
{
    /// <summary>A non-empty array of objects, at most 250 (§6.1: more → 422 "Limit 250 per page").</summary>
    public static IReadOnlyList<JObject> Items(ApiCall call)
    {
        if (call.Body is not JArray array)
        {
            throw ApiProblem.BadRequest("The body must be a JSON array of objects.");
        }

        if (array.Count == 0)
        {
            throw ApiProblem.BadRequest("The body is an empty array.");
        }

        if (array.Count > Paging.MaxLimit)
        {
            throw ApiProblem.LimitExceeded(Paging.MaxLimit);
        }

        if (array.Any(item => item is not JObject))
        {
            throw ApiProblem.BadRequest("Every element of the body must be a JSON object.");
        }

        return [.. array.Cast<JObject>()];
    }

    public static JObject Object(ApiCall call) =>
        call.Body as JObject ?? throw ApiProblem.BadRequest("The body must be a JSON object.");

    /// <summary>The item's <c>request_id</c> as sent, else its index (amoCRM echoes one or the other).</summary>
    public static string RequestId(JObject item, int index) =>
        item["request_id"] is JValue { Value: not null } value ? value.ToString(CultureInfo.InvariantCulture) : index.ToString(CultureInfo.InvariantCulture);
}
