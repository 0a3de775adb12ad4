using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// <c>crm.{lead,deal,contact,company}.add|update|get|list|delete|fields</c> — the legacy (DEPRECATED but working)
/// methods with UPPER_CASE names (bitrix24-rest.md §8); list results are arrays.
/// </summary>
internal static class LegacyItemMethods
{
    public static void Register(MethodRegistry methods)
    {
        foreach (var entity in EntityKind.All)
        {
            var prefix = $"crm.{entity.Code}.";
            methods.Add(prefix + "add", call => Add(call, entity));
            methods.Add(prefix + "update", call => Update(call, entity));
            methods.Add(prefix + "get", call => Get(call, entity));
            methods.Add(prefix + "list", call => List(call, entity));
            methods.Add(prefix + "delete", call => Delete(call, entity));
            methods.Add(prefix + "fields", call => MethodResult.Of(ItemFieldsView.Legacy(call.State, entity)));
        }
    }

    private static MethodResult Add(MethodCall call, EntityKind entity)
    {
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        return MethodResult.Of(ItemWriter.Add(call, entity, fields, checkMandatory: false));
    }

    private static MethodResult Update(MethodCall call, EntityKind entity)
    {
        var id = Id(call);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        ItemWriter.Update(call, entity, id, fields, allowMove: false);
        return MethodResult.True;
    }

    private static MethodResult Get(MethodCall call, EntityKind entity)
    {
        var id = Id(call);

        // UNCONFIRMED: legacy methods may answer "not found" with an empty error code; the sandbox says NOT_FOUND.
        var row = call.State.Item(entity, id) ?? throw RestException.NotFound("Not found");
        return MethodResult.Of(ItemView.Legacy(row, entity, call.State));
    }

    private static MethodResult List(MethodCall call, EntityKind entity)
    {
        var select = ItemSelect.Legacy(call.Parameters.Get("select"));
        var (rows, total, next) = ItemQuery.Run(call, entity, modern: false);
        return new MethodResult(new JArray(rows.Select(r => ItemView.Legacy(r, entity, call.State, select))), total, next);
    }

    private static MethodResult Delete(MethodCall call, EntityKind entity)
    {
        ItemWriter.Delete(call, entity, Id(call));
        return MethodResult.True;
    }

    private static int Id(MethodCall call) =>
        call.Parameters.Int("id") is > 0 and var id ? id : throw RestException.Core("ID is not defined or invalid.");
}
