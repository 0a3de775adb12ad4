using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Events;

/// <summary>
/// <c>GET /api/v4/events</c> (§7.3): newest first, <c>limit</c> at most 100, <c>filter[id|type|entity|entity_id|created_by|created_at]</c>
/// (<c>filter[entity_id]</c> needs exactly one <c>filter[entity]</c>). Recorded: lead/contact/company added, lead status
/// changed, responsible changed, task added.
/// </summary>
internal static class EventRoutes
{
    public const int MaxLimit = 100;

    public static void Add(RouteTable routes) => routes.Get("/api/v4/events", List);

    private static JObject View(ApiCall call, AccountEvent e) => new()
    {
        ["id"] = e.Id,
        ["type"] = e.Type,
        ["entity_id"] = e.EntityId,
        ["entity_type"] = e.EntityType,
        ["created_by"] = e.CreatedBy,
        ["created_at"] = e.CreatedAt,
        ["value_after"] = e.ValueAfter.DeepClone(),
        ["value_before"] = e.ValueBefore.DeepClone(),
        ["account_id"] = call.State.AccountId,
        ["_links"] = Hal.Self(call.Account, $"/api/v4/events/{e.Id}"),
        ["_embedded"] = new JObject { ["entity"] = new JObject { ["id"] = e.EntityId } },
    };

    private static ApiResult List(ApiCall call)
    {
        var (page, limit) = Paging.Read(call, maxLimit: MaxLimit);
        var filter = call.Query["filter"] as JObject;
        IEnumerable<AccountEvent> events = call.State.Events;
        if (QueryFilters.Texts(filter?["id"]) is { } ids)
        {
            events = events.Where(e => ids.Contains(e.Id));
        }

        if (QueryFilters.Texts(filter?["type"]) is { } types)
        {
            events = events.Where(e => types.Contains(e.Type));
        }

        var entities = QueryFilters.Texts(filter?["entity"]);
        if (entities is not null)
        {
            events = events.Where(e => entities.Contains(e.EntityType));
        }

        if (QueryFilters.Ids(filter?["entity_id"]) is { } entityIds)
        {
            if (entities?.Count != 1)
            {
                throw ApiProblem.BadRequest("filter[entity_id] needs exactly one filter[entity].");
            }

            events = events.Where(e => entityIds.Contains(e.EntityId));
        }

        if (QueryFilters.Ids(filter?["created_by"]) is { } createdBy)
        {
            events = events.Where(e => createdBy.Contains(e.CreatedBy));
        }

        events = events.Where(e => QueryFilters.InRange(filter?["created_at"], e.CreatedAt));
        return Paging.Page(call, "events", [.. events.Reverse().Select(e => View(call, e))], page, limit);
    }
}
