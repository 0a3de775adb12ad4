using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// Collects validation errors of a request, grouped by the item's <c>request_id</c> (§9:
/// <c>"validation-errors":[{"request_id":"0","errors":[{"code","path","detail"}]}]</c>), and answers 400 with all of
/// them. Write requests are all-or-nothing: one invalid item and nothing is written (UNCONFIRMED: amoCRM's behaviour
/// for a batch with some invalid items is not documented; all-or-nothing keeps retries simple to reason about).
/// </summary>
internal sealed class ValidationErrors
{
    private readonly List<(string RequestId, string Code, string Path, string Detail)> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string requestId, string code, string path, string detail) => _errors.Add((requestId, code, path, detail));

    public void ThrowIfAny()
    {
        if (_errors.Count == 0)
        {
            return;
        }

        var groups = new JArray(_errors.GroupBy(e => e.RequestId).Select(g => new JObject
        {
            ["request_id"] = g.Key,
            ["errors"] = new JArray(g.Select(e => new JObject { ["code"] = e.Code, ["path"] = e.Path, ["detail"] = e.Detail })),
        }));
        throw new ApiException(ApiProblem.Of(400, "Request validation failed", groups));
    }
}
