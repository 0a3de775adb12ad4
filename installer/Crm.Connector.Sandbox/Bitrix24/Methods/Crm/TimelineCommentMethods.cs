using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// <c>crm.timeline.comment.add</c> (bitrix24-rest.md §9): only the lowercase <c>fields</c> key is accepted (crm 23.100+);
/// ENTITY_ID*, ENTITY_TYPE* (lead|deal|contact|company), COMMENT* → the comment id.
/// <c>crm.timeline.comment.list</c>: the comments of one item — the filter must name ENTITY_ID and ENTITY_TYPE — as
/// <c>ID</c>, <c>CREATED</c>, <c>ENTITY_ID</c>, <c>ENTITY_TYPE</c>, <c>AUTHOR_ID</c>, <c>COMMENT</c>, in pages of 50 (§11).
/// UNCONFIRMED: the reference lists only <c>add</c>; the list method follows the REST documentation of
/// crm.timeline.comment.list (filter ENTITY_ID and ENTITY_TYPE required, select by field names); oldest first here.
/// </summary>
internal static class TimelineCommentMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("crm.timeline.comment.add", Add);
        methods.Add("crm.timeline.comment.list", List);
    }

    private static MethodResult List(MethodCall call)
    {
        var filter = call.Parameters.Object("filter");
        var entity = EntityKind.ByCode(filter?.String("ENTITY_TYPE")) ?? throw RestException.Core("filter ENTITY_TYPE is required: lead, deal, contact or company.");
        var entityId = filter!.Int("ENTITY_ID") ?? throw RestException.Core("filter ENTITY_ID is required.");
        var rows = call.State.Comments.Values
            .Where(c => c.EntityId == entityId && c.EntityType == entity.Code)
            .Select(c => new JObject
            {
                ["ID"] = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CREATED"] = c.Created,
                ["ENTITY_ID"] = c.EntityId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ENTITY_TYPE"] = c.EntityType,
                ["AUTHOR_ID"] = c.AuthorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["COMMENT"] = c.Comment,
            });
        var (page, total, next) = Lists.ListPage.Take(rows, Lists.RowFilter.Parse(null, field => field), Lists.RowOrder.Parse(null, field => field), call.Parameters);
        return new MethodResult(new JArray(page), total, next);
    }

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
