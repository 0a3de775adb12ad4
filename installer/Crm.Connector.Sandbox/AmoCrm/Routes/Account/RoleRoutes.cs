using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Account;

/// <summary>
/// <c>/api/v4/roles</c> (§10): list (<c>with=users</c>), one, POST array, PATCH array or one, DELETE one.
/// UNCONFIRMED: a role that users still have cannot be deleted (400) — the sandbox refuses rather than guess what
/// amoCRM does with those users.
/// </summary>
internal static class RoleRoutes
{
    public static void Add(RouteTable routes) => routes
        .Get("/api/v4/roles", List)
        .Post("/api/v4/roles", Create)
        .Patch("/api/v4/roles", UpdateMany)
        .Get("/api/v4/roles/{id}", One)
        .Patch("/api/v4/roles/{id}", UpdateOne)
        .Delete("/api/v4/roles/{id}", Delete);

    private static JObject View(ApiCall call, Role role, string? requestId = null)
    {
        var json = new JObject
        {
            ["id"] = role.Id,
            ["name"] = role.Name,
            ["rights"] = role.Rights.DeepClone(),
        };
        if (requestId is not null)
        {
            json["request_id"] = requestId;
        }

        json["_links"] = Hal.Self(call.Account, $"/api/v4/roles/{role.Id}");
        if (call.With.Contains("users"))
        {
            json["_embedded"] = new JObject { ["users"] = new JArray(call.State.Users.Values.Where(u => u.RoleId == role.Id).Select(u => u.Id)) };
        }

        return json;
    }

    private static ApiResult List(ApiCall call)
    {
        var (page, limit) = Paging.Read(call);
        return Paging.Page(call, "roles", [.. call.State.Roles.Values.Select(r => View(call, r))], page, limit, totals: true);
    }

    private static ApiResult One(ApiCall call) =>
        call.State.Roles.TryGetValue(call.Id(), out var role) ? ApiResult.Ok(View(call, role)) : throw ApiProblem.NotFound();

    private static ApiResult Create(ApiCall call)
    {
        Guard.Admin(call);
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var parsed = new List<(string RequestId, string Name, JObject Rights)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            var name = reader.String("name", required: true);
            var rights = RoleRights.Read(call, reader);
            if (rights is null && !reader.Has("rights"))
            {
                reader.Error("FieldMissing", "rights", "This field is missing.");
            }

            if (name is not null && call.State.Roles.Values.Any(r => r.Name == name))
            {
                reader.Error("NotUnique", "name", "A role with this name exists.");
            }

            parsed.Add((reader.RequestId, name ?? "", rights ?? []));
        }

        errors.ThrowIfAny();
        var created = parsed.Select(p =>
        {
            var role = new Role { Id = call.State.NextId("role"), Name = p.Name, Rights = p.Rights };
            call.State.Roles[role.Id] = role;
            return View(call, role, p.RequestId);
        });
        return ApiResult.Ok(new JObject { ["_total_items"] = parsed.Count, ["_embedded"] = new JObject { ["roles"] = new JArray(created) } });
    }

    private static ApiResult UpdateMany(ApiCall call)
    {
        Guard.Admin(call);
        var items = Body.Items(call);
        var updated = Update(call, items.Select((item, i) => (item, Body.RequestId(item, i), item.Value<long?>("id"))).ToList());
        return ApiResult.Ok(new JObject { ["_embedded"] = new JObject { ["roles"] = new JArray(updated) } });
    }

    private static ApiResult UpdateOne(ApiCall call)
    {
        Guard.Admin(call);
        return ApiResult.Ok(Update(call, [(Body.Object(call), "0", call.Id())])[0]);
    }

    private static List<JObject> Update(ApiCall call, List<(JObject Item, string RequestId, long? Id)> items)
    {
        var errors = new ValidationErrors();
        var changes = new List<(Role Role, string? Name, JObject? Rights)>();
        foreach (var (item, requestId, id) in items)
        {
            var reader = new FieldReader(item, requestId, errors);
            if (id is null || !call.State.Roles.TryGetValue(id.Value, out var role))
            {
                reader.Error("NotSupportedChoice", "id", "No such role.");
                continue;
            }

            changes.Add((role, reader.String("name"), RoleRights.Read(call, reader)));
        }

        errors.ThrowIfAny();
        foreach (var (role, name, rights) in changes)
        {
            role.Name = name ?? role.Name;
            role.Rights = rights ?? role.Rights;
        }

        return [.. changes.Select(c => View(call, c.Role))];
    }

    private static ApiResult Delete(ApiCall call)
    {
        Guard.Admin(call);
        var id = call.Id();
        if (!call.State.Roles.ContainsKey(id))
        {
            throw ApiProblem.NotFound();
        }

        if (call.State.Users.Values.Any(u => u.RoleId == id))
        {
            throw ApiProblem.BadRequest("The role is assigned to users.");
        }

        call.State.Roles.Remove(id);
        return ApiResult.NoContent();
    }
}
