using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// <c>crm.item.add|update|get|list|delete|fields</c> for entityTypeId 1–4, and adding, getting and listing invoices (31, <see cref="InvoiceMethods"/>) (bitrix24-rest.md §8): camelCase names, user
/// fields as <c>ufCrm…</c> unless <c>useOriginalUfNames=Y</c>; answers <c>{"item":{…}}</c> / <c>{"items":[…]}</c>.
/// Required (MANDATORY) user fields are checked on add. <c>categoryId</c> on update moves a deal to another pipeline.
/// </summary>
internal static class ItemMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("crm.item.add", Add);
        methods.Add("crm.item.update", Update);
        methods.Add("crm.item.get", Get);
        methods.Add("crm.item.list", List);
        methods.Add("crm.item.delete", Delete);
        methods.Add("crm.item.fields", Fields);
    }

    private static MethodResult Add(MethodCall call)
    {
        if (IsInvoice(call))
        {
            return InvoiceMethods.Add(call);
        }

        var entity = Entity(call);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var id = ItemWriter.Add(call, entity, ItemNames.FromModern(call.State, entity, fields), checkMandatory: true);
        return Item(call, entity, id);
    }

    private static MethodResult Update(MethodCall call)
    {
        var entity = Entity(call);
        var id = Id(call);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        ItemWriter.Update(call, entity, id, ItemNames.FromModern(call.State, entity, fields), allowMove: true);
        return Item(call, entity, id);
    }

    private static MethodResult Get(MethodCall call) =>
        IsInvoice(call) ? InvoiceMethods.Get(call) : Item(call, Entity(call), Id(call));

    private static MethodResult List(MethodCall call)
    {
        if (IsInvoice(call))
        {
            return InvoiceMethods.List(call);
        }

        var entity = Entity(call);
        var select = ItemSelect.Modern(call.Parameters.Get("select"));
        var original = OriginalUfNames(call);
        var (rows, total, next) = ItemQuery.Run(call, entity, modern: true);
        var items = new JArray(rows.Select(r => ItemView.Modern(r, entity, call.State, original, select)));
        return new MethodResult(new JObject { ["items"] = items }, total, next);
    }

    private static MethodResult Delete(MethodCall call)
    {
        ItemWriter.Delete(call, Entity(call), Id(call));
        return MethodResult.Of(new JArray());
    }

    private static MethodResult Fields(MethodCall call) =>
        MethodResult.Of(ItemFieldsView.Modern(call.State, Entity(call), OriginalUfNames(call)));

    private static MethodResult Item(MethodCall call, EntityKind entity, int id)
    {
        var row = call.State.Item(entity, id) ?? throw RestException.NotFound("Element not found");
        return MethodResult.Of(new JObject { ["item"] = ItemView.Modern(row, entity, call.State, OriginalUfNames(call)) });
    }

    private static EntityKind Entity(MethodCall call)
    {
        var typeId = call.Parameters.Int("entityTypeId") ?? throw RestException.Core("Required parameter 'entityTypeId' is missing.");

        // Assumed: smart processes, quotes and invoices are not emulated by the sandbox.
        return EntityKind.ByTypeId(typeId) ?? throw RestException.NotFound($"Entity type {typeId} is not supported by the sandbox portal (1 lead, 2 deal, 3 contact, 4 company).");
    }

    private static int Id(MethodCall call) =>
        call.Parameters.Int("id") is > 0 and var id ? id : throw RestException.Core("Required parameter 'id' is missing or invalid.");

    private static bool IsInvoice(MethodCall call) => call.Parameters.Int("entityTypeId") == InvoiceMethods.EntityTypeId;

    private static bool OriginalUfNames(MethodCall call) => Params.AsBool(call.Parameters.Get("useOriginalUfNames")) ?? false;
}
