using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Tasks;

/// <summary>
/// <c>filter</c>, <c>order</c> and <c>select</c> of <c>tasks.task.list</c> (b24restdocs
/// <c>api-reference/tasks/tasks-task-list.md</c>). Filter: ID, TITLE, DESCRIPTION, RESPONSIBLE_ID, CREATED_BY, DEADLINE,
/// CREATED_DATE, CHANGED_DATE, REAL_STATUS, STATUS, TAG (a task carrying that tag; an array: any of them) and
/// UF_CRM_TASK (a task bound to that CRM item, e.g. <c>D_12</c>), with the prefixes of other lists. Assumed, so that a
/// wrong key cannot silently turn a lookup into "every task": a filter key the sandbox does not know (documented or
/// not) is refused with ERROR_CORE. Order: the documented keys, case-insensitive, asc|desc; default ID descending (as
/// documented); an undocumented key is the documented 400 <c>{"error":"0"}</c> "Invalid sorting key"; documented keys
/// the sandbox does not keep sort nothing. Select: UPPER_CASE names; ID always comes.
/// </summary>
internal static class TaskQuery
{
    private static readonly HashSet<string> Filterable = new(StringComparer.Ordinal)
    {
        "ID", "TITLE", "DESCRIPTION", "RESPONSIBLE_ID", "CREATED_BY", "DEADLINE", "CREATED_DATE", "CHANGED_DATE", "REAL_STATUS", "STATUS", "TAG", "UF_CRM_TASK",
    };

    private static readonly HashSet<string> Sortable = new(StringComparer.Ordinal)
    {
        "ID", "TITLE", "TIME_SPENT_IN_LOGS", "DATE_START", "CREATED_DATE", "CHANGED_DATE", "CLOSED_DATE", "ACTIVITY_DATE", "START_DATE_PLAN",
        "END_DATE_PLAN", "DEADLINE", "REAL_STATUS", "STATUS_COMPLETE", "PRIORITY", "MARK", "CREATED_BY_LAST_NAME", "RESPONSIBLE_LAST_NAME",
        "GROUP_ID", "TIME_ESTIMATE", "ALLOW_CHANGE_DEADLINE", "ALLOW_TIME_TRACKING", "MATCH_WORK_TIME", "FAVORITE", "SORTING", "IS_PINNED",
        "IS_PINNED_IN_GROUP",
    };

    public static RowFilter Filter(JToken? filter) => RowFilter.Parse(filter, key =>
    {
        var name = key.Trim().ToUpperInvariant();
        return Filterable.Contains(name)
            ? name
            : throw RestException.Core($"Filter key '{key}' is not supported by the sandbox's tasks.task.list (it knows {string.Join(", ", Filterable)}).");
    });

    public static RowOrder Order(JToken? order)
    {
        if (order is not JObject { Count: > 0 } keys)
        {
            return RowOrder.Parse(new JObject { ["ID"] = "desc" }, key => key);
        }

        return RowOrder.Parse(keys, key =>
        {
            var name = key.Trim().ToUpperInvariant();
            return Sortable.Contains(name) ? name : throw new RestException("0", "Invalid sorting key (internal error)");
        });
    }

    public static IReadOnlyCollection<string> Select(JToken? select)
    {
        var names = select switch
        {
            JArray items => items.Select(i => Params.AsString(i)?.Trim().ToUpperInvariant()).OfType<string>().Where(n => n.Length > 0).ToList(),
            JValue { Type: JTokenType.String } one => [((string)one!).Trim().ToUpperInvariant()],
            _ => [],
        };
        return names.Count == 0 || names.Contains("*") ? [.. TaskView.DefaultSelect, .. names.Where(n => n != "*")] : names;
    }
}
