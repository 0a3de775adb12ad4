using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Tasks;

/// <summary>
/// <c>tasks.task.add</c> (scope task, bitrix24-rest.md §9): fields TITLE*, RESPONSIBLE_ID*, DEADLINE, DESCRIPTION,
/// CREATED_BY, UF_CRM_TASK (<c>["D_123"]</c>) → <c>{"task":{"id","title",…}}</c> in camelCase; like the tasks module,
/// values are strings.
/// </summary>
internal static class TaskMethods
{
    public static void Register(MethodRegistry methods) => methods.Add("tasks.task.add", Add);

    public static JObject ToJson(PortalTask task) => new()
    {
        ["id"] = Params.Text(task.Id),
        ["title"] = task.Title,
        ["description"] = task.Description,
        ["responsibleId"] = Params.Text(task.ResponsibleId),
        ["createdBy"] = Params.Text(task.CreatedBy),
        ["deadline"] = task.Deadline,
        ["ufCrmTask"] = new JArray(task.UfCrmTask),
        ["status"] = "2",
        ["createdDate"] = task.Created,
    };

    private static MethodResult Add(MethodCall call)
    {
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var title = fields.String("TITLE");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw RestException.Core("Field TITLE is required.");
        }

        var responsible = fields.Int("RESPONSIBLE_ID") ?? throw RestException.Core("Field RESPONSIBLE_ID is required.");
        if (!call.State.Users.ContainsKey(responsible))
        {
            throw RestException.Core($"User {responsible} (RESPONSIBLE_ID) not found.");
        }

        string? deadline = null;
        if (fields.String("DEADLINE") is { Length: > 0 } text)
        {
            deadline = PortalTime.ParseDateTime(text) is { } instant ? PortalTime.Iso(instant) : throw RestException.Core($"DEADLINE '{text}' is not a date-time.");
        }

        var bindings = fields.Get("UF_CRM_TASK") switch
        {
            JArray list => list.Select(Params.AsString).OfType<string>().ToList(),
            { } single => [Params.AsString(single)!],
            null => [],
        };
        var task = new PortalTask(call.State.NextId("task"), title, fields.String("DESCRIPTION") ?? "", responsible, fields.Int("CREATED_BY") ?? call.Caller.UserId, deadline, bindings, PortalTime.Iso(call.Now));
        call.State.Tasks[task.Id] = task;
        return MethodResult.Of(new JObject { ["task"] = ToJson(task) });
    }
}
