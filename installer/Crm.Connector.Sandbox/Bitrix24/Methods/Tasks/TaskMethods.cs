using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Tasks;

/// <summary>
/// <c>tasks.task.add</c> (scope task, bitrix24-rest.md §9): fields TITLE*, RESPONSIBLE_ID*, DEADLINE, DESCRIPTION,
/// CREATED_BY, UF_CRM_TASK (<c>["D_123"]</c>), TAGS → <c>{"task":{"id","title",…}}</c> in camelCase; like the tasks
/// module, values are strings. UNCONFIRMED: TAGS is not in the documented add fields (b24restdocs
/// <c>tasks/fields.md</c>), but tasks have tags (<c>tasks/index.md</c>, the TAGS select and TAG filter of
/// <c>tasks.task.list</c>); taken here as an array of texts or one comma-separated text.
/// <c>tasks.task.list</c> (<c>tasks/tasks-task-list.md</c>): filter, order, select (<see cref="TaskQuery"/>), pages of 50
/// by <c>start</c> → <c>{"tasks":[…]}</c> with <c>total</c> and, when more follow, <c>next</c> (§11).
/// </summary>
internal static class TaskMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("tasks.task.add", Add);
        methods.Add("tasks.task.list", List);
    }

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
        var tags = TagTexts(fields.Get("TAGS")).Select(t => Tag(call.State, t)).ToList();
        var task = new PortalTask(call.State.NextId("task"), title, fields.String("DESCRIPTION") ?? "", responsible, fields.Int("CREATED_BY") ?? call.Caller.UserId, deadline, bindings, PortalTime.Iso(call.Now), tags);
        call.State.Tasks[task.Id] = task;
        return MethodResult.Of(new JObject { ["task"] = TaskView.Added(task) });
    }

    private static MethodResult List(MethodCall call)
    {
        var filter = TaskQuery.Filter(call.Parameters.Get("filter"));
        var order = TaskQuery.Order(call.Parameters.Get("order"));
        var select = TaskQuery.Select(call.Parameters.Get("select"));
        var tasks = call.State.Tasks;
        var (rows, total, next) = ListPage.Take(tasks.Values.Select(TaskView.Row), filter, order, call.Parameters);
        var listed = rows.Select(r => TaskView.Listed(tasks[r.Value<int>("ID")], select));
        return new MethodResult(new JObject { ["tasks"] = new JArray(listed) }, total, next);
    }

    /// <summary>Tag texts from an array or a comma-separated text; trimmed, empty ones dropped, each once.</summary>
    private static IEnumerable<string> TagTexts(JToken? tags)
    {
        var texts = tags switch
        {
            null => [],
            JArray list => list.Select(Params.AsString).OfType<string>(),
            _ => (Params.AsString(tags) ?? "").Split(','),
        };
        return texts.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal);
    }

    private static TaskTag Tag(PortalState state, string title)
    {
        if (!state.TaskTagIds.TryGetValue(title, out var id))
        {
            id = state.NextId("tag");
            state.TaskTagIds[title] = id;
        }

        return new TaskTag(id, title);
    }
}
