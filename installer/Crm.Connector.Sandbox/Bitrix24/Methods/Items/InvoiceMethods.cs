using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// <c>crm.item.add|get|list</c> with entityTypeId 31 (smart invoices, bitrix24-rest.md §8). Assumed (UNCONFIRMED), only
/// what an app issuing invoices for deals needs: fields title, opportunity* (&gt; 0), currencyId (RUB), parentId2* (an
/// existing deal), contactId, comments, assignedById, xmlId, originatorId, originId →
/// <c>{"item": {id, title, opportunity, currencyId, parentId2, …}}</c>. Markers: <c>xmlId</c> ("External code") is
/// the documented invoice field (b24restdocs <c>crm/universal/object-fields.md</c>, Invoice); UNCONFIRMED:
/// <c>originatorId</c>/<c>originId</c>, which the docs list for leads, deals, contacts and companies but not for
/// invoices, are kept too. The list filters and orders by any answered field (camelCase; an unknown name is refused,
/// like crm.item.list for the other types) in pages of 50 → <c>{"items":[…]}</c>. Other methods stay unsupported.
/// </summary>
internal static class InvoiceMethods
{
    public const int EntityTypeId = 31;

    /// <summary>The names an invoice is answered with — the ones filter and order accept (read off an empty invoice).</summary>
    private static readonly HashSet<string> Fields = new(ToJson(new SmartInvoice(0, "", 0, "", 0, null, "", 0, "", null, null, null)).Properties().Select(p => p.Name), StringComparer.Ordinal);

    public static MethodResult Add(MethodCall call)
    {
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var opportunity = Params.AsDecimal(fields.Get("opportunity"));
        if (opportunity is not > 0)
        {
            throw RestException.Core("Field opportunity must be a positive amount.");
        }

        var deal = fields.Int("parentId2");
        if (deal is null || call.State.Item(EntityKind.Deal, deal.Value) is null)
        {
            throw RestException.Core($"Field parentId2: deal {deal} not found.");
        }

        var invoice = new SmartInvoice(
            call.State.NextId("invoice"),
            fields.String("title") is { Length: > 0 } title ? title : $"Счёт по сделке {deal}",
            opportunity.Value,
            fields.String("currencyId") ?? "RUB",
            deal.Value,
            fields.Int("contactId"),
            fields.String("comments") ?? "",
            fields.Int("assignedById") ?? call.Caller.UserId,
            PortalTime.Iso(call.Now),
            Marker(fields, "originatorId"),
            Marker(fields, "originId"),
            Marker(fields, "xmlId"));
        call.State.Invoices[invoice.Id] = invoice;
        return MethodResult.Of(new JObject { ["item"] = ToJson(invoice) });
    }

    public static MethodResult Get(MethodCall call)
    {
        var id = call.Parameters.Int("id") is > 0 and var given ? given : throw RestException.Core("Required parameter 'id' is missing or invalid.");
        var invoice = call.State.Invoices.GetValueOrDefault(id) ?? throw RestException.NotFound("Element not found");
        return MethodResult.Of(new JObject { ["item"] = ToJson(invoice) });
    }

    public static MethodResult List(MethodCall call)
    {
        var filter = RowFilter.Parse(call.Parameters.Get("filter"), key => Resolve(key, "filter"));
        var order = RowOrder.Parse(call.Parameters.Get("order"), key => Resolve(key, "order"), idField: "id");
        var select = ItemSelect.Modern(call.Parameters.Get("select"));
        var (rows, total, next) = ListPage.Take(call.State.Invoices.Values.Select(ToJson), filter, order, call.Parameters);
        var items = rows.Select(r => select is null ? r : new JObject(r.Properties().Where(p => select.Includes(p.Name, isUserField: false))));
        return new MethodResult(new JObject { ["items"] = new JArray(items) }, total, next);
    }

    public static JObject ToJson(SmartInvoice invoice) => new()
    {
        ["id"] = invoice.Id,
        ["entityTypeId"] = EntityTypeId,
        ["title"] = invoice.Title,
        ["opportunity"] = invoice.Opportunity.ToString(CultureInfo.InvariantCulture),
        ["currencyId"] = invoice.CurrencyId,
        ["parentId2"] = invoice.ParentDealId,
        ["contactId"] = invoice.ContactId,
        ["comments"] = invoice.Comments,
        ["assignedById"] = invoice.AssignedById,
        ["createdTime"] = invoice.Created,
        ["xmlId"] = invoice.XmlId,
        ["originatorId"] = invoice.OriginatorId,
        ["originId"] = invoice.OriginId,
    };

    private static string Resolve(string key, string where)
    {
        var name = key.Trim();
        return Fields.Contains(name)
            ? name
            : throw new RestException("INVALID_ARG_VALUE", $"Unknown field '{key}' in {where}; the sandbox's invoices (entityTypeId 31) know {string.Join(", ", Fields)}.");
    }

    private static string? Marker(JObject fields, string name) => fields.String(name) is { Length: > 0 } value ? value : null;
}
