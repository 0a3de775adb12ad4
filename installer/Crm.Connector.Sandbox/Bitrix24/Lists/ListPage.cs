using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Lists;

/// <summary>
/// Paging of list methods (bitrix24-rest.md §11): pages of 50 from <c>start</c>; the answer carries <c>total</c> and,
/// when more rows follow, <c>next</c> = start + 50. <c>start=-1</c> skips the COUNT: no total, no next, and the scan
/// stops at the 50th matching row (the fast keyset scan).
/// </summary>
internal static class ListPage
{
    public const int Size = 50;

    /// <param name="rows">Candidate rows in their default order (ascending id unless <paramref name="idOrdered"/> is false).</param>
    /// <param name="filter">The filter.</param>
    /// <param name="order">The requested order; none keeps the default order.</param>
    /// <param name="parameters">The call's parameters (for <c>start</c>).</param>
    /// <param name="idOrdered">Whether <paramref name="rows"/> come by ascending id (then ORDER ID ASC needs no sort).</param>
    public static (IReadOnlyList<JObject> Rows, int? Total, int? Next) Take(IEnumerable<JObject> rows, RowFilter filter, RowOrder order, JObject parameters, bool idOrdered = true)
    {
        var start = Params.AsInt(parameters.Get("start")) ?? 0;
        var matching = rows.Where(filter.Matches);
        if (order.Keys.Count > 0 && !(idOrdered && order.IsIdAscending))
        {
            matching = matching.OrderBy(r => r, order);
        }

        if (start == -1)
        {
            return ([.. matching.Take(Size)], null, null);
        }

        start = Math.Max(0, start);
        var all = matching.ToList();
        var page = all.Skip(start).Take(Size).ToList();
        int? next = start + Size < all.Count ? start + Size : null;
        return (page, all.Count, next);
    }
}
