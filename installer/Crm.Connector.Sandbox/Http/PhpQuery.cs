using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Http;

/// <summary>
/// Query strings and form bodies with PHP bracket keys, as both CRMs take them (bitrix24-rest.md §0.3, §10; amoCRM's
/// <c>filter[statuses][0][pipeline_id]=1</c>, <c>filter[id][]=1</c>): <c>fields[TITLE]=x</c> → nested
/// objects, <c>fields[UF_CRM_X][0]=a</c> or <c>[]</c> → arrays (an object whose keys are all integers becomes an array,
/// ordered by key, as PHP lists do).
/// </summary>
internal static class PhpQuery
{
    public static JObject Parse(string? query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : WebUtility.UrlDecode(pair[(equals + 1)..]);
            pairs.Add(new(key, value));
        }

        return FromPairs(pairs);
    }

    /// <summary>A request's query string, already decoded by ASP.NET Core.</summary>
    public static JObject Parse(IQueryCollection query) =>
        FromPairs(query.SelectMany(entry => entry.Value.Select(value => new KeyValuePair<string, string>(entry.Key, value ?? ""))));

    /// <summary>Builds the nested object from already decoded key/value pairs.</summary>
    public static JObject FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JObject();
        foreach (var (key, value) in pairs)
        {
            Add(root, key, value);
        }

        return (JObject)Normalize(root);
    }

    private static void Add(JObject root, string key, string value)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || !key.EndsWith(']'))
        {
            root[key] = value;
            return;
        }

        var segments = new List<string> { key[..open] };
        var rest = key[open..];
        while (rest.Length > 0 && rest[0] == '[')
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            segments.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        var current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i].Length == 0 ? NextIndex(current) : segments[i];
            if (i == segments.Count - 1)
            {
                current[segment] = value;
                break;
            }

            if (current[segment] is not JObject child)
            {
                child = [];
                current[segment] = child;
            }

            current = child;
        }
    }

    private static string NextIndex(JObject current)
    {
        var max = -1;
        foreach (var property in current.Properties())
        {
            if (int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                max = Math.Max(max, index);
            }
        }

        return (max + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static JToken Normalize(JToken token)
    {
        if (token is not JObject entries)
        {
            return token;
        }

        var normalized = new JObject();
        foreach (var property in entries.Properties())
        {
            normalized[property.Name] = Normalize(property.Value);
        }

        var keys = normalized.Properties().Select(p => int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : (int?)null).ToList();
        if (keys.Count > 0 && keys.All(k => k is not null))
        {
            return new JArray(normalized.Properties().OrderBy(p => int.Parse(p.Name, CultureInfo.InvariantCulture)).Select(p => p.Value));
        }

        return normalized;
    }
}
