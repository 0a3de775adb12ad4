using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes;

/// <summary>Reading list filters from the nested query (<c>filter[id][]=1</c>, <c>filter[updated_at][from]=…</c>, <c>order[id]=desc</c>).</summary>
internal static class QueryFilters
{
    /// <summary>The numbers of a scalar or list filter; null when absent.</summary>
    public static HashSet<long>? Ids(JToken? filter)
    {
        if (filter is null)
        {
            return null;
        }

        var values = filter is JArray array ? array.Select(v => v.ToString()) : filter.ToString().Split(',');
        return [.. values.Select(v => long.TryParse(v.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MinValue)];
    }

    /// <summary>The texts of a scalar or list filter; null when absent.</summary>
    public static HashSet<string>? Texts(JToken? filter) =>
        filter is null ? null : [.. filter is JArray array ? array.Select(v => v.ToString()) : filter.ToString().Split(',').Select(v => v.Trim())];

    /// <summary>Whether <paramref name="value"/> passes a <c>{from, to}</c> or exact timestamp filter (absent: yes).</summary>
    public static bool InRange(JToken? filter, long? value)
    {
        if (filter is null)
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        if (filter is JObject range)
        {
            return (Number(range["from"]) is not { } from || value >= from) && (Number(range["to"]) is not { } to || value <= to);
        }

        return Number(filter) is not { } exact || value == exact;
    }

    /// <summary><c>order[field]=asc|desc</c>: the field and whether descending; the default when absent or unknown.</summary>
    public static (string Field, bool Descending) Order(JToken? order, IReadOnlyCollection<string> fields, string defaultField, bool defaultDescending = false)
    {
        if (order is JObject orders)
        {
            foreach (var property in orders.Properties())
            {
                if (fields.Contains(property.Name))
                {
                    return (property.Name, string.Equals(property.Value.ToString(), "desc", StringComparison.OrdinalIgnoreCase));
                }
            }
        }

        return (defaultField, defaultDescending);
    }

    private static long? Number(JToken? token) =>
        token is not null && long.TryParse(token.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
