using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// An HTTP trigger's request as the host puts it in <c>Data.req</c> (§4.4): <c>Url</c>, <c>Method</c>, <c>Query</c>
/// (string → string), <c>Headers</c> (string → array of strings, case as received), <c>Params</c> (route values) and
/// <c>Body</c> (UTF-8 text; absent when the request had no Content-Length).
/// </summary>
public sealed record HttpRequestData
{
    public required string Method { get; init; }

    public required Uri Url { get; init; }

    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Headers, looked up case-insensitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string?> Params { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public string? Body { get; init; }

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>The request in <c>Data.req</c> of <paramref name="invocation"/>; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static HttpRequestData From(InvocationRequest invocation, string binding = "req")
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Data[binding] is not JObject req)
        {
            throw new InvalidDataException($"Data.{binding} is not an HTTP request object.");
        }

        var url = req.Value<string>("Url");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidDataException($"Data.{binding}.Url is missing or not an absolute URL.");
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);

        // Before 2020 hosts sent "Query": "{}" (a string); only the object form carries values.
        if (req[nameof(Query)] is JObject q)
        {
            foreach (var p in q.Properties())
            {
                query[p.Name] = p.Value.Type == JTokenType.String ? p.Value.Value<string>()! : p.Value.ToString();
            }
        }

        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (req[nameof(Headers)] is JObject h)
        {
            foreach (var p in h.Properties())
            {
                headers[p.Name] = p.Value switch
                {
                    JArray values => [.. values.Select(v => v.ToString())],
                    JValue { Type: JTokenType.Null } => [],
                    _ => [p.Value.ToString()],
                };
            }
        }

        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (req[nameof(Params)] is JObject routeValues)
        {
            foreach (var p in routeValues.Properties())
            {
                parameters[p.Name] = p.Value.Type == JTokenType.Null ? null : p.Value.ToString();
            }
        }

        return new HttpRequestData
        {
            Method = req.Value<string>("Method") ?? "GET",
            Url = uri,
            Query = query,
            Headers = headers,
            Params = parameters,
            Body = req[nameof(Body)]?.Type == JTokenType.String ? req.Value<string>(nameof(Body)) : req[nameof(Body)]?.ToString(),
        };
    }
}
