using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// §6.1 paging: <c>page</c> (from 1) and <c>limit</c> (at most 250, else 422 "Limit 250 per page");
/// <c>_page</c>, <c>_links.self</c>, <c>_links.next</c> (absent on the last page); an empty page is 204 with no body.
/// </summary>
internal static class Paging
{
    public const int MaxLimit = 250;

    /// <summary>Reads page and limit; <paramref name="cap"/> silently caps the page size (custom fields: 50, §4.1).</summary>
    public static (int Page, int Limit) Read(ApiCall call, int defaultLimit = 50, int maxLimit = MaxLimit, int? cap = null)
    {
        var limit = defaultLimit;
        if (call.QueryValue("limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                limit = defaultLimit;
            }
            else if (limit > maxLimit)
            {
                throw ApiProblem.LimitExceeded(maxLimit);
            }
        }

        var page = 1;
        if (call.QueryValue("page") is { } pageText && (!int.TryParse(pageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            page = 1;
        }

        return (page, cap is { } c ? Math.Min(limit, c) : limit);
    }

    /// <summary>One page of <paramref name="all"/> under <c>_embedded.{name}</c>; 204 when it is empty.</summary>
    public static ApiResult Page(ApiCall call, string name, IReadOnlyList<JObject> all, int page, int limit, bool totals = false)
    {
        var items = all.Skip((page - 1) * limit).Take(limit).ToList();
        if (items.Count == 0)
        {
            return ApiResult.NoContent();
        }

        var links = new JObject { ["self"] = new JObject { ["href"] = Hal.Href(call.Account, PageUrl(call, page, limit)) } };
        if (page * limit < all.Count)
        {
            links["next"] = new JObject { ["href"] = Hal.Href(call.Account, PageUrl(call, page + 1, limit)) };
        }

        var body = new JObject();
        if (totals)
        {
            body["_total_items"] = all.Count;
        }

        body["_page"] = page;
        if (totals)
        {
            body["_page_count"] = (all.Count + limit - 1) / limit;
        }

        body["_links"] = links;
        body["_embedded"] = new JObject { [name] = new JArray(items) };
        return ApiResult.Ok(body);
    }

    /// <summary>The request's path and query with <c>page</c> and <c>limit</c> replaced.</summary>
    private static string PageUrl(ApiCall call, int page, int limit)
    {
        var pairs = new List<string>();
        foreach (var property in call.Query.Properties().Where(p => p.Name is not ("page" or "limit")))
        {
            Flatten(property.Name, property.Value, pairs);
        }

        pairs.Add($"page={page.ToString(CultureInfo.InvariantCulture)}");
        pairs.Add($"limit={limit.ToString(CultureInfo.InvariantCulture)}");
        return call.Path + "?" + string.Join('&', pairs);
    }

    private static void Flatten(string key, JToken value, List<string> pairs)
    {
        switch (value)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    Flatten($"{key}[{property.Name}]", property.Value, pairs);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten($"{key}[{i.ToString(CultureInfo.InvariantCulture)}]", array[i], pairs);
                }

                break;
            default:
                pairs.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value.ToString())}");
                break;
        }
    }
}
