using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// <c>crm.activity.todo.add</c> (bitrix24-rest.md §9): ownerTypeId*, ownerId*, deadline* (date-time, else
/// WRONG_DATETIME_FORMAT), title, description, responsibleId, pingOffsets, colorId → <c>{"id": n}</c>; OWNER_NOT_FOUND
/// when the item does not exist.
/// </summary>
internal static class TodoMethods
{
    public static void Register(MethodRegistry methods) => methods.Add("crm.activity.todo.add", Add);

    private static MethodResult Add(MethodCall call)
    {
        var parameters = call.Parameters;
        var ownerTypeId = parameters.Int("ownerTypeId");
        var ownerId = parameters.Int("ownerId");
        var entity = EntityKind.ByTypeId(ownerTypeId);
        if (entity is null || ownerId is null || call.State.Item(entity, ownerId.Value) is null)
        {
            throw new RestException("OWNER_NOT_FOUND", $"Owner {ownerTypeId}:{ownerId} not found.");
        }

        var deadline = PortalTime.ParseDateTime(parameters.String("deadline"))
            ?? throw new RestException("WRONG_DATETIME_FORMAT", "Parameter 'deadline' must be a date-time (ISO-8601, e.g. 2026-12-01T10:00:00+03:00).");
        var responsible = parameters.Int("responsibleId") ?? call.Caller.UserId;
        var todo = new TodoActivity(
            call.State.NextId("activity"),
            entity.TypeId,
            ownerId.Value,
            PortalTime.Iso(deadline),
            parameters.String("title") ?? "",
            parameters.String("description") ?? "",
            responsible,
            parameters.Get("pingOffsets")?.DeepClone(),
            parameters.String("colorId"),
            PortalTime.Iso(call.Now),
            call.Caller.UserId);
        call.State.Todos[todo.Id] = todo;
        return MethodResult.Of(new JObject { ["id"] = todo.Id });
    }
}
