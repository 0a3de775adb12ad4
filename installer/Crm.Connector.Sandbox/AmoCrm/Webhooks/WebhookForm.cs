using System.Globalization;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Webhooks;

/// <summary>
/// The fields of a record as account webhooks carry them (§8.2): strings only, old-style names (<c>date_create</c>,
/// <c>last_modified</c>, <c>modified_user_id</c>), custom fields as <c>custom_fields[i][id|name|code|values][j][value|enum]</c>
/// (dates as <c>values[j]</c> without <c>[value]</c>). Companies travel under <c>contacts[…]</c> with <c>type=company</c>.
/// </summary>
internal static class WebhookForm
{
    public static List<KeyValuePair<string, string>> Lead(AccountState state, CrmRecord lead, long modifiedBy)
    {
        var fields = new List<KeyValuePair<string, string>>();
        Add(fields, "id", lead.Id);
        Add(fields, "name", lead.Name);
        Add(fields, "status_id", lead.StatusId);
        Add(fields, "price", lead.Price);
        Add(fields, "responsible_user_id", lead.ResponsibleUserId);
        Add(fields, "last_modified", lead.UpdatedAt);
        Add(fields, "modified_user_id", modifiedBy);
        Add(fields, "created_user_id", lead.CreatedBy);
        Add(fields, "date_create", lead.CreatedAt);
        Add(fields, "pipeline_id", lead.PipelineId);
        Tags(fields, lead);
        Add(fields, "account_id", state.AccountId);
        CustomFields(state, fields, lead);
        Add(fields, "created_at", lead.CreatedAt);
        Add(fields, "updated_at", lead.UpdatedAt);
        return fields;
    }

    public static List<KeyValuePair<string, string>> Contact(AccountState state, CrmRecord record, long modifiedBy)
    {
        var fields = new List<KeyValuePair<string, string>>();
        Add(fields, "id", record.Id);
        Add(fields, "name", record.Name);
        Add(fields, "responsible_user_id", record.ResponsibleUserId);
        Add(fields, "date_create", record.CreatedAt);
        Add(fields, "last_modified", record.UpdatedAt);
        Add(fields, "created_user_id", record.CreatedBy);
        Add(fields, "modified_user_id", modifiedBy);
        Tags(fields, record);
        CustomFields(state, fields, record);
        Add(fields, "type", record.Kind == EntityKind.Company ? "company" : "contact");
        Add(fields, "account_id", state.AccountId);
        Add(fields, "created_at", record.CreatedAt);
        Add(fields, "updated_at", record.UpdatedAt);
        return fields;
    }

    public static List<KeyValuePair<string, string>> Task(AccountState state, CrmTask task, long modifiedBy)
    {
        var fields = new List<KeyValuePair<string, string>>();
        Add(fields, "id", task.Id);
        Add(fields, "element_id", task.EntityId ?? 0);
        Add(fields, "element_type", task.EntityType?.ElementType() ?? 0);
        Add(fields, "task_type", task.TaskTypeId);
        Add(fields, "date_create", task.CreatedAt);
        Add(fields, "created_user_id", task.CreatedBy);
        Add(fields, "last_modified", task.UpdatedAt);
        Add(fields, "text", task.Text);
        Add(fields, "responsible_user_id", task.ResponsibleUserId);
        Add(fields, "complete_till", DateTimeOffset.FromUnixTimeSeconds(task.CompleteTill).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Add(fields, "status", task.IsCompleted ? 1 : 0);
        Add(fields, "modified_user_id", modifiedBy);
        Add(fields, "account_id", state.AccountId);
        Add(fields, "created_at", task.CreatedAt);
        Add(fields, "updated_at", task.UpdatedAt);
        return fields;
    }

    public static void Add(List<KeyValuePair<string, string>> fields, string name, long value) => fields.Add(new(name, value.ToString(CultureInfo.InvariantCulture)));

    public static void Add(List<KeyValuePair<string, string>> fields, string name, string value) => fields.Add(new(name, value));

    private static void Tags(List<KeyValuePair<string, string>> fields, CrmRecord record)
    {
        for (var i = 0; i < record.Tags.Count; i++)
        {
            Add(fields, $"tags[{i}][id]", TagId(record.Tags[i]));
            Add(fields, $"tags[{i}][name]", record.Tags[i]);
        }
    }

    /// <summary>Tags have no table of their own here: a stable id from the name.</summary>
    private static long TagId(string name) => Routes.Records.RecordView.TagId(name);

    private static void CustomFields(AccountState state, List<KeyValuePair<string, string>> fields, CrmRecord record)
    {
        var i = 0;
        foreach (var value in record.Values)
        {
            if (!state.Fields.TryGetValue(value.FieldId, out var field))
            {
                continue;
            }

            var prefix = $"custom_fields[{i}]";
            Add(fields, $"{prefix}[id]", field.Id);
            Add(fields, $"{prefix}[name]", field.Name);
            if (field.Code is { } code)
            {
                Add(fields, $"{prefix}[code]", code);
            }

            for (var j = 0; j < value.Values.Count; j++)
            {
                var item = value.Values[j];
                var text = item["value"] is JValue { Value: not null } v ? Convert.ToString(v.Value is bool b ? (b ? "1" : "0") : v.Value, CultureInfo.InvariantCulture) ?? "" : "";
                if (FieldTypes.IsDate(field.Type))
                {
                    Add(fields, $"{prefix}[values][{j}]", text);
                    continue;
                }

                Add(fields, $"{prefix}[values][{j}][value]", text);
                if (item["enum_id"] is JValue { Value: not null } enumId)
                {
                    Add(fields, $"{prefix}[values][{j}][enum]", enumId.ToString(CultureInfo.InvariantCulture));
                }
            }

            i++;
        }
    }
}
