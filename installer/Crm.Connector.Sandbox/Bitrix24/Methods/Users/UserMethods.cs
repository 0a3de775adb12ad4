using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Users;

/// <summary>
/// <c>user.get</c> (scope user), <c>department.get</c> (scope department) and <c>profile</c> (no scope, §1.6). Filters
/// come as <c>filter</c>/<c>FILTER</c> or as top-level fields (<c>user.get?ID=1</c>); <c>sort</c> + <c>order</c> pick
/// the order; pages of 50.
/// </summary>
internal static class UserMethods
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "filter", "sort", "order", "start", "ADMIN_MODE", "auth" };

    public static void Register(MethodRegistry methods)
    {
        methods.Add("user.get", UserGet);
        methods.Add("user.current", call => MethodResult.Of(User(call.State.Users[call.Caller.UserId])));
        methods.Add("department.get", DepartmentGet);
        methods.Add("profile", Profile);
    }

    public static JObject User(PortalUser user) => new()
    {
        ["ID"] = Params.Text(user.Id),
        ["ACTIVE"] = user.Active,
        ["NAME"] = user.Name,
        ["LAST_NAME"] = user.LastName,
        ["EMAIL"] = user.Email,
        ["UF_DEPARTMENT"] = new JArray(user.Departments),
        ["TIME_ZONE"] = PortalTime.TimeZoneName,
        ["USER_TYPE"] = "employee",
    };

    public static JObject Department(Department department)
    {
        var json = new JObject { ["ID"] = Params.Text(department.Id), ["NAME"] = department.Name, ["SORT"] = Params.Text(department.Sort) };
        if (department.Parent is { } parent)
        {
            json["PARENT"] = Params.Text(parent);
        }

        json["UF_HEAD"] = Params.Text(department.Head);
        return json;
    }

    private static MethodResult UserGet(MethodCall call) => Page(call, call.State.Users.Values.Select(User));

    private static MethodResult DepartmentGet(MethodCall call) => Page(call, call.State.Departments.Values.Select(Department));

    /// <summary>§1.6: the calling user — ID, ADMIN, NAME, LAST_NAME, PERSONAL_GENDER, TIME_ZONE.</summary>
    private static MethodResult Profile(MethodCall call)
    {
        var user = call.State.Users[call.Caller.UserId];
        return MethodResult.Of(new JObject
        {
            ["ID"] = Params.Text(user.Id),
            ["ADMIN"] = user.Admin,
            ["NAME"] = user.Name,
            ["LAST_NAME"] = user.LastName,
            ["PERSONAL_GENDER"] = "",
            ["TIME_ZONE"] = PortalTime.TimeZoneName,
            ["TIME_ZONE_OFFSET"] = (int)PortalTime.Offset.TotalSeconds,
        });
    }

    private static MethodResult Page(MethodCall call, IEnumerable<JObject> rows)
    {
        var filterSource = call.Parameters.Object("filter") ?? new JObject(call.Parameters.Properties().Where(p => !Reserved.Contains(p.Name)));
        var filter = RowFilter.Parse(filterSource, field => field.ToUpperInvariant());
        var order = call.Parameters.String("sort") is { Length: > 0 } sort
            ? RowOrder.Parse(new JObject { [sort.ToUpperInvariant()] = call.Parameters.String("order") ?? "ASC" }, field => field)
            : RowOrder.Parse(null, field => field);
        var (page, total, next) = ListPage.Take(rows, filter, order, call.Parameters);
        return new MethodResult(new JArray(page), total, next);
    }
}
