using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Tasks;

/// <summary>
/// How tasks are answered: camelCase names, numbers as strings, like the tasks module (b24restdocs
/// <c>api-reference/tasks/fields.md</c>). Tags come as an object keyed by tag id, <c>{"35":{"id":35,"title":"…"}}</c>
/// (the <c>tasks.task.list</c> example); UNCONFIRMED: a task without tags shows <c>[]</c> (PHP's empty array).
/// </summary>
internal static class TaskView
{
    /// <summary>What <c>tasks.task.list</c> answers when <c>select</c> is empty: the task's own fields, no tags or CRM bindings.</summary>
    public static readonly IReadOnlyList<string> DefaultSelect = ["ID", "TITLE", "DESCRIPTION", "RESPONSIBLE_ID", "CREATED_BY", "DEADLINE", "STATUS", "CREATED_DATE", "CHANGED_DATE"];

    /// <summary>The answer of <c>tasks.task.add</c>.</summary>
    public static JObject Added(PortalTask task) => new()
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

    /// <summary>The task as <c>GET /_sandbox/state</c> shows it: the add answer plus its tags' texts.</summary>
    public static JObject State(PortalTask task)
    {
        var json = Added(task);
        json["tags"] = new JArray(task.Tags.Select(t => t.Title));
        return json;
    }

    /// <summary>One task of <c>tasks.task.list</c> with the selected fields (UPPER_CASE select names, camelCase answer).</summary>
    public static JObject Listed(PortalTask task, IReadOnlyCollection<string> select)
    {
        var json = new JObject { ["id"] = Params.Text(task.Id) };
        foreach (var name in select)
        {
            switch (name)
            {
                case "TITLE": json["title"] = task.Title; break;
                case "DESCRIPTION": json["description"] = task.Description; break;
                case "RESPONSIBLE_ID": json["responsibleId"] = Params.Text(task.ResponsibleId); break;
                case "CREATED_BY": json["createdBy"] = Params.Text(task.CreatedBy); break;
                case "DEADLINE": json["deadline"] = task.Deadline; break;
                case "STATUS" or "REAL_STATUS": json["status"] = "2"; break;
                case "CREATED_DATE": json["createdDate"] = task.Created; break;
                case "CHANGED_DATE": json["changedDate"] = task.Created; break;
                case "TAGS": json["tags"] = Tags(task.Tags); break;
                case "UF_CRM_TASK" or "UF_TASK_WEBDAV_FILES" or "UF_MAIL_MESSAGE":
                    // fields.md: naming one of the three system user fields returns all three.
                    json["ufCrmTask"] = new JArray(task.UfCrmTask);
                    json["ufTaskWebdavFiles"] = new JArray();
                    json["ufMailMessage"] = JValue.CreateNull();
                    break;
            }
        }

        return json;
    }

    /// <summary>The task under the filter's UPPER_CASE names, for <c>tasks.task.list</c> filter and order.</summary>
    public static JObject Row(PortalTask task) => new()
    {
        ["ID"] = task.Id,
        ["TITLE"] = task.Title,
        ["DESCRIPTION"] = task.Description,
        ["RESPONSIBLE_ID"] = task.ResponsibleId,
        ["CREATED_BY"] = task.CreatedBy,
        ["DEADLINE"] = task.Deadline,
        ["REAL_STATUS"] = 2,
        ["STATUS"] = 2,
        ["CREATED_DATE"] = task.Created,
        ["CHANGED_DATE"] = task.Created,
        ["TAG"] = new JArray(task.Tags.Select(t => t.Title)),
        ["UF_CRM_TASK"] = new JArray(task.UfCrmTask),
    };

    private static JToken Tags(IReadOnlyList<TaskTag> tags) => tags.Count == 0
        ? new JArray()
        : new JObject(tags.Select(t => new JProperty(Params.Text(t.Id), new JObject { ["id"] = t.Id, ["title"] = t.Title })));
}
