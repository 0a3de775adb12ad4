using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Account;

/// <summary><c>GET /api/v4/users[?with=role,group]</c>, <c>GET /api/v4/users/{id}</c> (§10).</summary>
internal static class UserRoutes
{
    public static void Add(RouteTable routes) => routes
        .Get("/api/v4/users", List)
        .Get("/api/v4/users/{id}", One);

    public static JObject View(ApiCall call, User user, IReadOnlySet<string> with)
    {
        var role = user.RoleId is { } roleId ? call.State.Roles.GetValueOrDefault(roleId) : null;
        var rights = (JObject)(role?.Rights ?? user.Rights).DeepClone();
        rights["mail_access"] ??= false;
        rights["catalog_access"] ??= false;
        rights["files_access"] ??= false;
        rights["status_rights"] ??= new JArray();
        rights["catalog_rights"] = null;
        rights["custom_fields_rights"] = null;
        rights["oper_day_reports_view_access"] = false;
        rights["oper_day_user_tracking"] = false;
        rights["is_admin"] = user.IsAdmin;
        rights["is_free"] = false;
        rights["is_active"] = user.IsActive;
        rights["group_id"] = user.GroupId;
        rights["role_id"] = user.RoleId;
        var json = new JObject
        {
            ["id"] = user.Id,
            ["name"] = user.Name,
            ["email"] = user.Email,
            ["lang"] = user.Lang,
            ["rights"] = rights,
            ["_links"] = Hal.Self(call.Account, $"/api/v4/users/{user.Id}"),
        };
        var embedded = new JObject();
        if (with.Contains("role"))
        {
            embedded["roles"] = role is null ? new JArray() : new JArray(new JObject { ["id"] = role.Id, ["name"] = role.Name, ["_links"] = Hal.Self(call.Account, $"/api/v4/roles/{role.Id}") });
        }

        if (with.Contains("group"))
        {
            var group = call.State.Groups.Find(g => g.Id == user.GroupId);
            embedded["groups"] = group is null ? new JArray() : new JArray(new JObject { ["id"] = group.Id, ["name"] = group.Name });
        }

        if (embedded.Count > 0)
        {
            json["_embedded"] = embedded;
        }

        return json;
    }

    private static ApiResult List(ApiCall call)
    {
        var (page, limit) = Paging.Read(call);
        var with = call.With;
        var users = call.State.Users.Values.Select(u => View(call, u, with)).ToList();
        return Paging.Page(call, "users", users, page, limit, totals: true);
    }

    private static ApiResult One(ApiCall call) =>
        call.State.Users.TryGetValue(call.Id(), out var user) ? ApiResult.Ok(View(call, user, call.With)) : throw ApiProblem.NotFound();
}
