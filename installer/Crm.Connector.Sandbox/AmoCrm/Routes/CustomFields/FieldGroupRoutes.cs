using System.Globalization;
using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.CustomFields;

/// <summary>
/// <c>/api/v4/{entity}/custom_fields/groups</c> (§4.1): list, one, POST array <c>[{name, sort}]</c>, PATCH one,
/// DELETE one (its fields stay, without a group). Group ids are strings (<c>leads_1</c>).
/// </summary>
internal static class FieldGroupRoutes
{
    public static void Add(RouteTable routes)
    {
        foreach (var kind in EntityKinds.All)
        {
            var path = $"/api/v4/{kind.Plural()}/custom_fields/groups";
            routes
                .Get(path, call => List(call, kind))
                .Post(path, call => Create(call, kind))
                .Get(path + "/{group}", call => One(call, kind))
                .Patch(path + "/{group}", call => Update(call, kind))
                .Delete(path + "/{group}", call => Delete(call, kind));
        }
    }

    private static JObject View(ApiCall call, FieldGroup group, string? requestId = null)
    {
        var json = new JObject
        {
            ["id"] = group.Id,
            ["name"] = group.Name,
            ["sort"] = group.Sort,
            ["entity_type"] = group.Entity.Plural(),
            ["is_predefined"] = group.IsPredefined,
            ["type"] = null,
            ["account_id"] = call.State.AccountId,
        };
        if (requestId is not null)
        {
            json["request_id"] = requestId;
        }

        json["_links"] = Hal.Self(call.Account, $"/api/v4/{group.Entity.Plural()}/custom_fields/groups/{group.Id}");
        return json;
    }

    private static FieldGroup Find(ApiCall call, EntityKind kind) =>
        call.State.FieldGroups.Find(g => g.Entity == kind && g.Id == call.Args[0]) ?? throw ApiProblem.NotFound();

    private static ApiResult List(ApiCall call, EntityKind kind)
    {
        var groups = call.State.FieldGroups.Where(g => g.Entity == kind).OrderBy(g => g.Sort).Select(g => View(call, g)).ToList();
        return groups.Count == 0
            ? ApiResult.NoContent()
            : ApiResult.Ok(new JObject
            {
                ["_total_items"] = groups.Count,
                ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}/custom_fields/groups"),
                ["_embedded"] = new JObject { ["custom_field_groups"] = new JArray(groups) },
            });
    }

    private static ApiResult One(ApiCall call, EntityKind kind) => ApiResult.Ok(View(call, Find(call, kind)));

    private static ApiResult Create(ApiCall call, EntityKind kind)
    {
        Guard.Admin(call);
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var inputs = new List<(string RequestId, string Name, int Sort)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            inputs.Add((reader.RequestId, reader.String("name", required: true) ?? "", reader.Int("sort") ?? 0));
        }

        errors.ThrowIfAny();
        var created = new JArray();
        foreach (var (requestId, name, sort) in inputs)
        {
            var group = new FieldGroup
            {
                Id = $"{kind.Plural()}_{call.State.NextId("group_field").ToString(CultureInfo.InvariantCulture)}",
                Entity = kind,
                Name = name,
                Sort = sort,
            };
            call.State.FieldGroups.Add(group);
            created.Add(View(call, group, requestId));
        }

        return ApiResult.Ok(new JObject { ["_total_items"] = created.Count, ["_embedded"] = new JObject { ["custom_field_groups"] = created } });
    }

    private static ApiResult Update(ApiCall call, EntityKind kind)
    {
        Guard.Admin(call);
        var group = Find(call, kind);
        var errors = new ValidationErrors();
        var reader = new FieldReader(Body.Object(call), "0", errors);
        var name = reader.String("name");
        var sort = reader.Int("sort");
        errors.ThrowIfAny();
        group.Name = name ?? group.Name;
        group.Sort = sort ?? group.Sort;
        return ApiResult.Ok(View(call, group));
    }

    private static ApiResult Delete(ApiCall call, EntityKind kind)
    {
        Guard.Admin(call);
        var group = Find(call, kind);
        if (group.IsPredefined)
        {
            throw ApiProblem.BadRequest("A predefined group cannot be deleted.");
        }

        call.State.FieldGroups.Remove(group);
        foreach (var field in call.State.FieldsOf(kind).Where(f => f.GroupId == group.Id))
        {
            field.GroupId = null;
        }

        return ApiResult.NoContent();
    }
}
