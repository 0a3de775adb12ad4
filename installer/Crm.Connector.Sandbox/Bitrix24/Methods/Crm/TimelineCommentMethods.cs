using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// <c>crm.timeline.comment.add</c> (bitrix24-rest.md §9): only the lowercase <c>fields</c> key is accepted (crm 23.100+);
/// ENTITY_ID*, ENTITY_TYPE* (lead|deal|contact|company), COMMENT* → the comment id.
/// </summary>
internal static class TimelineCommentMethods
{
    public static void Register(MethodRegistry methods) => methods.Add("crm.timeline.comment.add", Add);

    private static MethodResult Add(MethodCall call)
    {
        if (call.Parameters.Property("fields", StringComparison.Ordinal)?.Value is not JObject fields)
        {
            throw RestException.Core("Required parameter 'fields' is missing (only the lowercase key 'fields' is accepted).");
        }

        var entity = EntityKind.ByCode(fields.String("ENTITY_TYPE")) ?? throw RestException.Core("Field ENTITY_TYPE is required: lead, deal, contact or company.");
        var entityId = fields.Int("ENTITY_ID") ?? throw RestException.Core("Field ENTITY_ID is required.");
        if (call.State.Item(entity, entityId) is null)
        {
            throw RestException.NotFound($"{entity.Code} {entityId} not found.");
        }

        var comment = fields.String("COMMENT");
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw RestException.Core("Field COMMENT is required.");
        }

        var id = call.State.NextId("comment");
        call.State.Comments[id] = new TimelineComment(id, entityId, entity.Code, comment, call.Caller.UserId, PortalTime.Iso(call.Now));
        return MethodResult.Of(id);
    }
}
