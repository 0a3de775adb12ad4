using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Crm.Connector.Sandbox.AmoCrm.Webhooks;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Tasks;

/// <summary>
/// <c>/api/v4/tasks</c> (§7.1): list with <c>filter[responsible_user_id|is_completed|task_type|entity_type|entity_id|id|updated_at]</c>
/// and <c>order[created_at|complete_till|id]</c>, one, POST array, PATCH array or one. A task needs text, a
/// responsible user and <c>complete_till</c>; its type is 1 (call) or 2 (meeting); it may be attached to a lead,
/// contact or company.
/// </summary>
internal static class TaskRoutes
{
    private static readonly string[] OrderFields = ["created_at", "complete_till", "id"];

    public static void Add(RouteTable routes) => routes
        .Get("/api/v4/tasks", List)
        .Post("/api/v4/tasks", Create)
        .Patch("/api/v4/tasks", UpdateMany)
        .Get("/api/v4/tasks/{id}", One)
        .Patch("/api/v4/tasks/{id}", UpdateOne);

    private static JObject View(ApiCall call, CrmTask task) => new()
    {
        ["id"] = task.Id,
        ["created_by"] = task.CreatedBy,
        ["updated_by"] = task.UpdatedBy,
        ["created_at"] = task.CreatedAt,
        ["updated_at"] = task.UpdatedAt,
        ["responsible_user_id"] = task.ResponsibleUserId,
        ["group_id"] = task.GroupId,
        ["entity_id"] = task.EntityId,
        ["entity_type"] = task.EntityType?.Plural(),
        ["duration"] = task.Duration,
        ["is_completed"] = task.IsCompleted,
        ["task_type_id"] = task.TaskTypeId,
        ["text"] = task.Text,
        ["result"] = task.ResultText is null ? new JArray() : new JObject { ["text"] = task.ResultText },
        ["complete_till"] = task.CompleteTill,
        ["account_id"] = call.State.AccountId,
        ["_links"] = Hal.Self(call.Account, $"/api/v4/tasks/{task.Id}"),
    };

    private static ApiResult List(ApiCall call)
    {
        var (page, limit) = Paging.Read(call);
        var filter = call.Query["filter"] as JObject;
        IEnumerable<CrmTask> tasks = call.State.Tasks.Values;
        if (QueryFilters.Ids(filter?["id"]) is { } ids)
        {
            tasks = tasks.Where(t => ids.Contains(t.Id));
        }

        if (QueryFilters.Ids(filter?["responsible_user_id"]) is { } responsible)
        {
            tasks = tasks.Where(t => responsible.Contains(t.ResponsibleUserId));
        }

        if (filter?["is_completed"] is { } completed)
        {
            var wanted = completed.ToString() is "1" or "true";
            tasks = tasks.Where(t => t.IsCompleted == wanted);
        }

        if (QueryFilters.Ids(filter?["task_type"]) is { } types)
        {
            tasks = tasks.Where(t => types.Contains(t.TaskTypeId));
        }

        if (QueryFilters.Texts(filter?["entity_type"]) is { } entityTypes)
        {
            tasks = tasks.Where(t => t.EntityType is { } type && entityTypes.Contains(type.Plural()));
        }

        if (QueryFilters.Ids(filter?["entity_id"]) is { } entityIds)
        {
            tasks = tasks.Where(t => t.EntityId is { } id && entityIds.Contains(id));
        }

        tasks = tasks.Where(t => QueryFilters.InRange(filter?["updated_at"], t.UpdatedAt));
        var (field, descending) = QueryFilters.Order(call.Query["order"], OrderFields, "id");
        Func<CrmTask, long> key = field switch
        {
            "created_at" => t => t.CreatedAt,
            "complete_till" => t => t.CompleteTill,
            _ => t => t.Id,
        };
        tasks = descending ? tasks.OrderByDescending(key).ThenByDescending(t => t.Id) : tasks.OrderBy(key).ThenBy(t => t.Id);
        return Paging.Page(call, "tasks", [.. tasks.Select(t => View(call, t))], page, limit);
    }

    private static ApiResult One(ApiCall call) =>
        call.State.Tasks.TryGetValue(call.Id(), out var task) ? ApiResult.Ok(View(call, task)) : ApiResult.NoContent();

    private static ApiResult Create(ApiCall call)
    {
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var inputs = new List<(string RequestId, TaskInput Input)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            inputs.Add((reader.RequestId, TaskInput.Read(call, reader, creating: true)));
        }

        errors.ThrowIfAny();
        var created = new JArray();
        foreach (var (requestId, input) in inputs)
        {
            var task = new CrmTask { Id = call.State.NextId("task"), CreatedBy = call.UserId, CreatedAt = call.Now };
            input.ApplyTo(call, task);
            call.State.Tasks[task.Id] = task;
            EventLog.Add(call, "task_added", "task", task.Id);
            call.Changes.Add(new WebhookChange("add_task", "task", "add", WebhookForm.Task(call.State, task, call.UserId)));
            created.Add(new JObject { ["id"] = task.Id, ["request_id"] = requestId, ["_links"] = Hal.Self(call.Account, $"/api/v4/tasks/{task.Id}") });
        }

        return ApiResult.Ok(new JObject { ["_links"] = Hal.Self(call.Account, "/api/v4/tasks"), ["_embedded"] = new JObject { ["tasks"] = created } });
    }

    private static ApiResult UpdateMany(ApiCall call)
    {
        var items = Body.Items(call);
        var updated = Update(call, [.. items.Select((item, i) => (item, Body.RequestId(item, i), item["id"]?.Type == JTokenType.Integer ? item.Value<long?>("id") : null))]);
        return ApiResult.Ok(new JObject { ["_links"] = Hal.Self(call.Account, "/api/v4/tasks"), ["_embedded"] = new JObject { ["tasks"] = new JArray(updated) } });
    }

    private static ApiResult UpdateOne(ApiCall call)
    {
        if (!call.State.Tasks.ContainsKey(call.Id()))
        {
            throw ApiProblem.NotFound();
        }

        var updated = Update(call, [(Body.Object(call), "0", call.Id())])[0];
        updated.Remove("request_id");
        return ApiResult.Ok(updated);
    }

    private static List<JObject> Update(ApiCall call, List<(JObject Item, string RequestId, long? Id)> items)
    {
        var errors = new ValidationErrors();
        var changes = new List<(CrmTask Task, string RequestId, TaskInput Input)>();
        foreach (var (item, requestId, id) in items)
        {
            var reader = new FieldReader(item, requestId, errors);
            if (id is null || !call.State.Tasks.TryGetValue(id.Value, out var task))
            {
                reader.Error("NotSupportedChoice", "id", "No such task.");
                continue;
            }

            changes.Add((task, requestId, TaskInput.Read(call, reader, creating: false)));
        }

        errors.ThrowIfAny();
        return [.. changes.Select(c =>
        {
            var oldResponsible = c.Task.ResponsibleUserId;
            c.Input.ApplyTo(call, c.Task);
            c.Task.UpdatedAt = call.Now;
            c.Task.UpdatedBy = call.UserId;
            call.Changes.Add(new WebhookChange("update_task", "task", "update", WebhookForm.Task(call.State, c.Task, call.UserId)));
            if (c.Task.ResponsibleUserId != oldResponsible)
            {
                call.Changes.Add(new WebhookChange("responsible_task", "task", "responsible", WebhookForm.Task(call.State, c.Task, call.UserId)));
            }

            return new JObject
            {
                ["id"] = c.Task.Id,
                ["updated_at"] = c.Task.UpdatedAt,
                ["request_id"] = c.RequestId,
                ["_links"] = Hal.Self(call.Account, $"/api/v4/tasks/{c.Task.Id}"),
            };
        })];
    }
}
