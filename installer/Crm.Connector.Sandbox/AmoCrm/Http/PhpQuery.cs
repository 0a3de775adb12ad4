using System.Globalization;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// Query strings with PHP bracket keys: <c>filter[statuses][0][pipeline_id]=1</c> → nested objects, <c>filter[id][]=1</c>
/// → arrays (an object whose keys are all integers becomes an array ordered by key).
/// </summary>
internal static class PhpQuery
{
    public static JObject Parse(IQueryCollection query)
    {
        var root = new JObject();
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                Add(root, key, value ?? "");
            }
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

        var allIndexes = normalized.Properties().All(p => int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        return allIndexes && normalized.Count > 0
            ? new JArray(normalized.Properties().OrderBy(p => int.Parse(p.Name, CultureInfo.InvariantCulture)).Select(p => p.Value))
            : normalized;
    }
}
