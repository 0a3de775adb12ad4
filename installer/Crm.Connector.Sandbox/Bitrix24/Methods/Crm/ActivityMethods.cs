using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// <c>crm.activity.add</c> (bitrix24-rest.md §9; deprecated in favour of to-dos, but still how an e-mail activity is
/// made): fields {OWNER_TYPE_ID*, OWNER_ID*, TYPE_ID*, COMMUNICATIONS* [{VALUE, ENTITY_ID, ENTITY_TYPE_ID}], SUBJECT,
/// DESCRIPTION, DIRECTION, RESPONSIBLE_ID} → the id. Assumed (UNCONFIRMED): only TYPE_ID 4 (e-mail) is kept here; other
/// types are refused with ERROR_CORE so a caller relying on them notices; a communication needs a VALUE.
/// </summary>
internal static class ActivityMethods
{
    public static void Register(MethodRegistry methods) => methods.Add("crm.activity.add", Add);

    private static MethodResult Add(MethodCall call)
    {
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var entity = EntityKind.ByTypeId(fields.Int("OWNER_TYPE_ID"));
        var ownerId = fields.Int("OWNER_ID");
        if (entity is null || ownerId is null || call.State.Item(entity, ownerId.Value) is null)
        {
            throw new RestException("OWNER_NOT_FOUND", $"Owner {fields.Int("OWNER_TYPE_ID")}:{ownerId} not found.");
        }

        if (fields.Int("TYPE_ID") != 4)
        {
            throw RestException.Core("The sandbox keeps e-mail activities only (TYPE_ID 4).");
        }

        if (fields.Get("COMMUNICATIONS") is not JArray { Count: > 0 } communications || communications.Any(c => string.IsNullOrWhiteSpace(c.Value<string>("VALUE"))))
        {
            throw RestException.Core("COMMUNICATIONS must list at least one address, each with a VALUE.");
        }

        var email = new EmailActivity(
            call.State.NextId("activity"),
            entity.TypeId,
            ownerId.Value,
            fields.String("SUBJECT") ?? "",
            fields.String("DESCRIPTION") ?? "",
            fields.Int("DIRECTION") ?? 2,
            fields.Int("RESPONSIBLE_ID") ?? call.Caller.UserId,
            (JArray)communications.DeepClone(),
            PortalTime.Iso(call.Now));
        call.State.Emails[email.Id] = email;
        return MethodResult.Of(email.Id);
    }
}
