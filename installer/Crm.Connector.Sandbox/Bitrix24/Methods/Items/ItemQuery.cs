using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// Item lists (bitrix24-rest.md §8, §11): filter with operator prefixes on any field, order by any field, pages of 50.
/// Boolean user fields are filtered with 1/0 (§8: "filter must use 1/0"); Y/N in a filter matches nothing, the silent
/// pitfall of §16.4.
/// </summary>
internal static class ItemQuery
{
    private static readonly JValue Unmatchable = new("\u0000no-match");

    public static (IReadOnlyList<JObject> Rows, int? Total, int? Next) Run(MethodCall call, EntityKind entity, bool modern)
    {
        var state = call.State;
        Func<string, string?> resolve = modern
            ? key => ItemNames.ResolveModernStrict(state, entity, key, "filter/order")
            : key => ItemNames.ResolveLegacy(state, entity, key);
        var filter = RowFilter.Parse(call.Parameters.Get("filter"), resolve, (field, value) => Adapt(state, entity, field, value));
        var order = RowOrder.Parse(call.Parameters.Get("order"), resolve);

        // Rows are kept by ascending id: a >ID / >=ID condition lets the scan start there instead of at the first row.
        IEnumerable<KeyValuePair<int, JObject>> rows = state.Table(entity).Rows;
        if (filter.LowerBound("ID") is { } from)
        {
            rows = rows.SkipWhile(r => r.Key < from);
        }

        return ListPage.Take(rows.Select(r => r.Value), filter, order, call.Parameters);
    }

    private static JToken Adapt(PortalState state, EntityKind entity, string field, JToken value)
    {
        if (state.UserFieldOf(entity, field) is not { UserTypeId: "boolean" })
        {
            return value;
        }

        return value is JArray items ? new JArray(items.Select(BooleanFilterValue)) : BooleanFilterValue(value);
    }

    private static JToken BooleanFilterValue(JToken value)
    {
        if (value.Type == JTokenType.Boolean)
        {
            return value;
        }

        return Params.AsString(value)?.Trim() switch
        {
            "1" => true,
            "0" => false,
            _ => Unmatchable,
        };
    }
}
