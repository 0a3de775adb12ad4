using System.Text;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Http;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// Reads a request's parameters into one object: the query string, then the body on top — JSON
/// (<c>application/json</c>), a form with PHP bracket keys, or multipart form data (bitrix24-rest.md §2.4, §10).
/// </summary>
internal static class RequestParameters
{
    public static async Task<JObject> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = PhpQuery.Parse(request.QueryString.Value);
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is not null)
        {
            parameters.Merge(body, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Merge });
        }

        return parameters;
    }

    private static async Task<JObject?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return PhpQuery.FromPairs(form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || (!contentType.Contains("form", StringComparison.OrdinalIgnoreCase) && text.TrimStart().StartsWith('{')))
        {
            try
            {
                return Json.Parse(text) as JObject ?? throw new RestException("INVALID_REQUEST", "The request body must be a JSON object.", 400);
            }
            catch (JsonReaderException)
            {
                // UNCONFIRMED: the code and text Bitrix24 answers to a malformed JSON body.
                throw new RestException("INVALID_REQUEST", "The request body is not valid JSON.", 400);
            }
        }

        return PhpQuery.Parse(text);
    }
}
