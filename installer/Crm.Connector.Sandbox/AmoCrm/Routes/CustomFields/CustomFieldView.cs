using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.CustomFields;

/// <summary>A custom field as the API shows it (§4.2 and the 201 example of §9).</summary>
internal static class CustomFieldView
{
    public static JObject Field(ApiCall call, CustomField field, string? requestId = null)
    {
        var json = new JObject
        {
            ["id"] = field.Id,
            ["name"] = field.Name,
            ["type"] = field.Type,
            ["account_id"] = call.State.AccountId,
            ["code"] = field.Code,
            ["sort"] = field.Sort,
            ["is_api_only"] = field.IsApiOnly,
            ["enums"] = field.HasEnums
                ? new JArray(field.Enums.OrderBy(e => e.Sort).ThenBy(e => e.Id).Select(e => new JObject { ["id"] = e.Id, ["value"] = e.Value, ["sort"] = e.Sort, ["code"] = e.Code }))
                : null,
            ["group_id"] = field.GroupId,
            ["required_statuses"] = new JArray(field.RequiredStatuses.Select(r => new JObject { ["pipeline_id"] = r.PipelineId, ["status_id"] = r.StatusId })),
            ["is_deletable"] = field.IsDeletable,
            ["is_predefined"] = field.IsPredefined,
            ["entity_type"] = field.Entity.Plural(),
            ["remind"] = field.Remind,
            ["triggers"] = new JArray(),
            ["currency"] = null,
            ["hidden_statuses"] = new JArray(),
            ["chained_lists"] = null,
            ["tracking_callback"] = null,
            ["search_in"] = null,
        };
        if (requestId is not null)
        {
            json["request_id"] = requestId;
        }

        json["_links"] = Hal.Self(call.Account, $"/api/v4/{field.Entity.Plural()}/custom_fields/{field.Id}");
        return json;
    }
}
