using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// Error answers, <c>application/problem+json</c> (amocrm-api.md §9):
/// <c>{title, type, status, detail[, validation-errors]}</c>.
/// </summary>
internal static class ApiProblem
{
    public static ApiResult Of(int status, string detail, JArray? validationErrors = null)
    {
        var body = new JObject
        {
            ["title"] = Title(status),
            ["type"] = $"https://httpstatus.es/{status}",
            ["status"] = status,
            ["detail"] = detail,
        };
        if (validationErrors is not null)
        {
            body["validation-errors"] = validationErrors;
        }

        return new ApiResult(status, body, ApiResult.Problem);
    }

    public static ApiException BadRequest(string detail) => new(Of(400, detail));

    public static ApiException NotFound(string detail = "Not Found") => new(Of(404, detail));

    /// <summary>§6.1: more than 250 per page or per write → 422 "Limit 250 per page".</summary>
    public static ApiException LimitExceeded(int limit) => new(Of(422, $"Limit {limit} per page"));

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        _ => "Error",
    };
}
