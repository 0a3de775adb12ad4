using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>
/// Lists read page by page (amocrm-api.md §6.1): <c>limit</c> on the first request, then <c>_links.next</c> until there
/// is none; 204 No Content is an empty page, not an error.
/// </summary>
internal static class AmoLists
{
    /// <summary>Enough for 2.5 million rows at 250 a page; a server that links pages in a circle stops here.</summary>
    private const int MaxPages = 10_000;

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        AmoCrmRequestor requestor,
        string path,
        string key,
        int limit,
        IEnumerable<KeyValuePair<string, string>>? query,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
        var request = new AmoRequest(Method.Get, path) { Query = [.. query ?? [], new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))] };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < MaxPages; page++)
        {
            var answer = await requestor.SendAsync(request, cancellationToken);
            all.AddRange(answer.Embedded(key).Select(AmoJson.To<T>));
            var next = answer.Body?["_links"]?["next"]?["href"]?.Value<string>();
            if (string.IsNullOrEmpty(next) || !seen.Add(next))
            {
                break;
            }

            request = new AmoRequest(Method.Get, Relative(next));
        }

        return all;
    }

    /// <summary>
    /// The next page's path and query, to be sent to the account's own address: the link's host is not trusted with the
    /// token (a proxy or the sandbox may name another).
    /// </summary>
    internal static string Relative(string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.PathAndQuery.TrimStart('/')
            : href.TrimStart('/');
}
