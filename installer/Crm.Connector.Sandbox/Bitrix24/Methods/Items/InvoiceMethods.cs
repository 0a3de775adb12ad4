using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// <c>crm.item.add</c> with entityTypeId 31 (smart invoices, bitrix24-rest.md §8). Assumed (UNCONFIRMED), only what an
/// app issuing invoices for deals needs: fields title, opportunity* (&gt; 0), currencyId (RUB), parentId2* (an existing
/// deal), contactId, comments, assignedById → <c>{"item": {id, title, opportunity, currencyId, parentId2, …}}</c>.
/// Other methods and entity types stay unsupported.
/// </summary>
internal static class InvoiceMethods
{
    public const int EntityTypeId = 31;

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
            PortalTime.Iso(call.Now));
        call.State.Invoices[invoice.Id] = invoice;
        return MethodResult.Of(new JObject { ["item"] = ToJson(invoice) });
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
    };
}
