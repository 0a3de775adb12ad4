using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Records;

/// <summary>
/// Links (§6.2): <c>POST /api/v4/{entity}/{id}/link</c> and <c>/unlink</c> with
/// <c>[{to_entity_id, to_entity_type, metadata:{is_main}}]</c>, <c>GET /api/v4/{entity}/{id}/links</c>, and the mass
/// forms <c>POST /api/v4/{entity}/link|unlink</c> with <c>entity_id</c> in each item.
/// </summary>
internal static class LinkRoutes
{
    public static void Add(RouteTable routes)
    {
        foreach (var kind in EntityKinds.All)
        {
            var path = $"/api/v4/{kind.Plural()}";
            routes
                .Post(path + "/link", call => Link(call, kind, null, unlink: false))
                .Post(path + "/unlink", call => Link(call, kind, null, unlink: true))
                .Get(path + "/{id}/links", call => List(call, kind))
                .Post(path + "/{id}/link", call => Link(call, kind, call.Id(), unlink: false))
                .Post(path + "/{id}/unlink", call => Link(call, kind, call.Id(), unlink: true));
        }
    }

    private static JObject View(EntityKind kind, long id, EntityKind other, long otherId, bool? isMain)
    {
        var json = new JObject
        {
            ["entity_id"] = id,
            ["entity_type"] = kind.Plural(),
            ["to_entity_id"] = otherId,
            ["to_entity_type"] = other.Plural(),
            ["metadata"] = isMain is null ? null : new JObject { ["main_contact"] = isMain.Value },
        };
        return json;
    }

    private static ApiResult List(ApiCall call, EntityKind kind)
    {
        var id = call.Id();
        if (!call.State.Records(kind).ContainsKey(id))
        {
            throw ApiProblem.NotFound();
        }

        var links = call.State.Links.Where(l => l.Touches(kind, id)).Select(l =>
        {
            var (other, otherId) = l.Other(kind, id);
            return View(kind, id, other, otherId, l.From == EntityKind.Lead && l.To == EntityKind.Contact ? l.IsMain : null);
        }).ToList();
        return links.Count == 0
            ? ApiResult.NoContent()
            : ApiResult.Ok(new JObject
            {
                ["_total_items"] = links.Count,
                ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}/{id}/links"),
                ["_embedded"] = new JObject { ["links"] = new JArray(links) },
            });
    }

    private static ApiResult Link(ApiCall call, EntityKind kind, long? entityId, bool unlink)
    {
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var links = new List<(long Id, EntityKind Other, long OtherId, bool IsMain)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            var id = entityId ?? reader.Long("entity_id", required: true);
            if (id is null || !call.State.Records(kind).ContainsKey(id.Value))
            {
                reader.Error("NotSupportedChoice", "entity_id", $"No such {kind.Singular()}.");
                continue;
            }

            var otherKind = EntityKinds.FromPlural(reader.String("to_entity_type", required: true));
            var otherId = reader.Long("to_entity_id", required: true);
            if (otherKind is null || otherKind == kind)
            {
                reader.Error("NotSupportedChoice", "to_entity_type", "Link leads, contacts and companies to each other.");
                continue;
            }

            if (otherId is null || !call.State.Records(otherKind.Value).ContainsKey(otherId.Value))
            {
                reader.Error("NotSupportedChoice", "to_entity_id", $"No such {otherKind.Value.Singular()}.");
                continue;
            }

            var isMain = (reader.Object("metadata") is { } metadata && (metadata.Value<bool?>("is_main") ?? metadata.Value<bool?>("main_contact") ?? false));
            links.Add((id.Value, otherKind.Value, otherId.Value, isMain));
        }

        errors.ThrowIfAny();
        foreach (var (id, other, otherId, isMain) in links)
        {
            if (unlink)
            {
                Linker.Unlink(call.State, kind, id, other, otherId);
            }
            else
            {
                Linker.Link(call.State, kind, id, other, otherId, isMain);
            }
        }

        if (unlink)
        {
            return ApiResult.NoContent();
        }

        return ApiResult.Ok(new JObject
        {
            ["_total_items"] = links.Count,
            ["_embedded"] = new JObject { ["links"] = new JArray(links.Select(l => View(kind, l.Id, l.Other, l.OtherId, l.IsMain))) },
        });
    }
}
