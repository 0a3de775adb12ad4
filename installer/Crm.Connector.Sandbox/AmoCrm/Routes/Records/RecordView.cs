using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.Routes.LossReasons;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Records;

/// <summary>
/// Leads, contacts and companies as the API shows them (§6.1). <c>_embedded</c> always has tags and companies (of
/// leads and contacts); <c>with=contacts</c>, <c>with=leads</c> and <c>with=loss_reason</c> (an array of one) add more.
/// </summary>
internal static class RecordView
{
    public static JObject Record(ApiCall call, CrmRecord record, IReadOnlySet<string> with)
    {
        var json = new JObject { ["id"] = record.Id, ["name"] = record.Name };
        if (record.Kind == EntityKind.Lead)
        {
            json["price"] = record.Price;
        }

        if (record.Kind == EntityKind.Contact)
        {
            json["first_name"] = record.FirstName;
            json["last_name"] = record.LastName;
        }

        json["responsible_user_id"] = record.ResponsibleUserId;
        json["group_id"] = record.GroupId;
        if (record.Kind == EntityKind.Lead)
        {
            json["status_id"] = record.StatusId;
            json["pipeline_id"] = record.PipelineId;
            json["loss_reason_id"] = record.LossReasonId;
        }

        json["created_by"] = record.CreatedBy;
        json["updated_by"] = record.UpdatedBy;
        json["created_at"] = record.CreatedAt;
        json["updated_at"] = record.UpdatedAt;
        if (record.Kind == EntityKind.Lead)
        {
            json["closed_at"] = record.ClosedAt;
        }

        json["closest_task_at"] = ClosestTask(call, record);
        json["is_deleted"] = false;
        if (record.Kind == EntityKind.Contact)
        {
            json["is_unsorted"] = false;
        }

        json["custom_fields_values"] = CustomFields(call, record);
        if (record.Kind == EntityKind.Lead)
        {
            json["score"] = null;
            json["labor_cost"] = null;
        }

        json["account_id"] = call.State.AccountId;
        json["_links"] = Hal.Self(call.Account, $"/api/v4/{record.Kind.Plural()}/{record.Id}");
        var embedded = new JObject
        {
            ["tags"] = new JArray(record.Tags.Select(t => new JObject { ["id"] = TagId(t), ["name"] = t, ["color"] = null })),
        };
        if (record.Kind != EntityKind.Company)
        {
            embedded["companies"] = Linked(call, record, EntityKind.Company, withMain: false);
        }

        if (record.Kind != EntityKind.Contact && with.Contains("contacts"))
        {
            embedded["contacts"] = Linked(call, record, EntityKind.Contact, withMain: record.Kind == EntityKind.Lead);
        }

        if (record.Kind != EntityKind.Lead && with.Contains("leads"))
        {
            embedded["leads"] = Linked(call, record, EntityKind.Lead, withMain: false);
        }

        if (record.Kind == EntityKind.Lead && with.Contains("loss_reason"))
        {
            embedded["loss_reason"] = record.LossReasonId is { } reasonId && call.State.LossReasons.TryGetValue(reasonId, out var reason)
                ? new JArray(LossReasonRoutes.View(call, reason))
                : new JArray();
        }

        json["_embedded"] = embedded;
        return json;
    }

    public static long TagId(string name) => 100_000 + ((long)(uint)string.GetHashCode(name, StringComparison.Ordinal) % 900_000);

    private static JToken CustomFields(ApiCall call, CrmRecord record)
    {
        if (record.Values.Count == 0)
        {
            return JValue.CreateNull();
        }

        return new JArray(record.Values.Where(v => call.State.Fields.ContainsKey(v.FieldId)).Select(v =>
        {
            var field = call.State.Fields[v.FieldId];
            return new JObject
            {
                ["field_id"] = field.Id,
                ["field_name"] = field.Name,
                ["field_code"] = field.Code,
                ["field_type"] = field.Type,
                ["values"] = new JArray(v.Values.Select(x => x.DeepClone())),
            };
        }));
    }

    private static JArray Linked(ApiCall call, CrmRecord record, EntityKind other, bool withMain) =>
        new(call.State.Links
            .Where(l => l.Touches(record.Kind, record.Id) && l.Other(record.Kind, record.Id).Kind == other)
            .Select(l =>
            {
                var id = l.Other(record.Kind, record.Id).Id;
                var json = new JObject { ["id"] = id };
                if (withMain)
                {
                    json["is_main"] = l.IsMain;
                }

                json["_links"] = Hal.Self(call.Account, $"/api/v4/{other.Plural()}/{id}");
                return json;
            }));

    private static JValue ClosestTask(ApiCall call, CrmRecord record)
    {
        var due = call.State.Tasks.Values
            .Where(t => !t.IsCompleted && t.EntityType == record.Kind && t.EntityId == record.Id)
            .Select(t => (long?)t.CompleteTill)
            .Min();
        return due is { } value ? new JValue(value) : JValue.CreateNull();
    }
}
