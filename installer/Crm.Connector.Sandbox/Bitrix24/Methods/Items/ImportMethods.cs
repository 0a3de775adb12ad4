using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// <c>crm.item.import</c> and <c>crm.item.batchImport</c> (dev.1c-bitrix.ru/rest_help/crm/import/): add items like
/// crm.item.add, with the fields of crm.item.import; phones and e-mails as <c>fm</c>
/// (<c>[{typeId:"PHONE", valueType:"WORK", value}]</c>). Answers <c>{"item":{"id"}}</c>; the batch answers
/// <c>{"items":[…]}</c> in the order of <c>data</c>, each <c>{"item":{"id"}}</c> or <c>{"error","error_description"}</c>,
/// at most 20 items per call. An administrator may set <c>createdTime</c>: not in the future and not earlier than any
/// existing item's (createdTime must increase monotonically); from anyone else it is ignored (UNCONFIRMED: the
/// documentation does not say what a non-administrator's createdTime does — assumed ignored). Import starts no robots
/// or business processes; whether it raises ONCRM*ADD is not documented — assumed it DOES (the safer assumption for an
/// app that must not count on missing an event).
/// </summary>
internal static class ImportMethods
{
    public const int MaxBatchItems = 20;

    public static void Register(MethodRegistry methods)
    {
        methods.Add("crm.item.import", Import);
        methods.Add("crm.item.batchImport", BatchImport);
    }

    private static MethodResult Import(MethodCall call)
    {
        var entity = Entity(call);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var newest = Newest(call.State, entity);
        return MethodResult.Of(new JObject { ["item"] = new JObject { ["id"] = Add(call, entity, fields, ref newest) } });
    }

    private static MethodResult BatchImport(MethodCall call)
    {
        var entity = Entity(call);
        var data = call.Parameters.Get("data") as JArray ?? throw RestException.Core("Required parameter 'data' is missing.");
        if (data.Count > MaxBatchItems)
        {
            throw RestException.Core($"Too many items: at most {MaxBatchItems} can be imported per call, {data.Count} given.");
        }

        var items = new JArray();
        var newest = Newest(call.State, entity);
        foreach (var element in data)
        {
            try
            {
                var fields = element as JObject ?? throw RestException.Core("Each element of 'data' must be an object of fields.");
                items.Add(new JObject { ["item"] = new JObject { ["id"] = Add(call, entity, fields, ref newest) } });
            }
            catch (RestException e)
            {
                items.Add(new JObject { ["error"] = e.Code, ["error_description"] = e.Description });
            }
        }

        return MethodResult.Of(new JObject { ["items"] = items });
    }

    /// <summary>The newest creation time of the entity's items (read once per call, then kept up to date by it).</summary>
    private static DateTimeOffset? Newest(PortalState state, EntityKind entity) =>
        state.Table(entity).Rows.Values.Select(r => PortalTime.ParseDateTime((string?)r["DATE_CREATE"])).Max();

    private static int Add(MethodCall call, EntityKind entity, JObject fields, ref DateTimeOffset? newest)
    {
        var state = call.State;
        DateTimeOffset? created = null;
        var admin = state.Users.TryGetValue(call.Caller.UserId, out var user) && user.Admin;
        if (admin && fields.String("createdTime") is { Length: > 0 } text)
        {
            created = PortalTime.ParseDateTime(text) ?? throw new RestException("CRM_FIELD_ERROR_VALUE_NOT_VALID", $"createdTime '{text}' is not a date and time.");
            if (created > call.Now)
            {
                throw new RestException("CRM_FIELD_ERROR_VALUE_NOT_VALID", "createdTime cannot be in the future.");
            }

            if (newest is not null && created < newest)
            {
                throw new RestException("CRM_FIELD_ERROR_VALUE_NOT_VALID", $"createdTime must not be earlier than an existing item's ({PortalTime.Iso(newest.Value)}).");
            }
        }

        var legacy = ItemNames.FromModern(state, entity, fields);
        if (fields.Get("fm") is JArray multifields)
        {
            foreach (var group in multifields.OfType<JObject>().GroupBy(m => m.String("typeId")?.ToUpperInvariant()))
            {
                if (group.Key is "PHONE" or "EMAIL" && entity.Field(group.Key) is not null)
                {
                    legacy[group.Key] = new JArray(group.Select(m => new JObject { ["VALUE"] = m.String("value"), ["VALUE_TYPE"] = m.String("valueType") ?? "WORK" }));
                }
            }
        }

        if (entity.Field("TITLE") is not null && string.IsNullOrWhiteSpace(legacy.String("TITLE")) && entity != EntityKind.Lead)
        {
            throw new RestException("CRM_FIELD_ERROR_REQUIRED", "Поле \"Название\" обязательно для заполнения");
        }

        var id = ItemWriter.Add(call, entity, legacy, checkMandatory: true);
        var stamp = created ?? call.Now;
        newest = newest is null || stamp > newest ? stamp : newest;
        if (created is { } at)
        {
            var row = state.Item(entity, id)!;
            row["DATE_CREATE"] = PortalTime.Iso(at);
            if (entity.StageField is not null)
            {
                row["MOVED_TIME"] = PortalTime.Iso(at);
            }
        }

        return id;
    }

    private static EntityKind Entity(MethodCall call)
    {
        var typeId = call.Parameters.Int("entityTypeId") ?? throw RestException.Core("Required parameter 'entityTypeId' is missing.");
        return EntityKind.ByTypeId(typeId) ?? throw RestException.NotFound($"Entity type {typeId} is not supported by the sandbox portal (1 lead, 2 deal, 3 contact, 4 company).");
    }
}
