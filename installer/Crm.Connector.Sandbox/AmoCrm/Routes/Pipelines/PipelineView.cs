using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Pipelines;

/// <summary>Pipelines and statuses as the API shows them (§3).</summary>
internal static class PipelineView
{
    public static JObject Pipeline(ApiCall call, Pipeline pipeline, string? requestId = null)
    {
        var json = new JObject
        {
            ["id"] = pipeline.Id,
            ["name"] = pipeline.Name,
            ["sort"] = pipeline.Sort,
            ["is_main"] = pipeline.IsMain,
            ["is_unsorted_on"] = pipeline.IsUnsortedOn,
            ["is_archive"] = pipeline.IsArchive,
            ["account_id"] = call.State.AccountId,
        };
        if (requestId is not null)
        {
            json["request_id"] = requestId;
        }

        json["_links"] = Hal.Self(call.Account, $"/api/v4/leads/pipelines/{pipeline.Id}");
        json["_embedded"] = new JObject { ["statuses"] = new JArray(pipeline.Ordered.Select(s => Status(call, s))) };
        return json;
    }

    public static JObject Status(ApiCall call, Status status, string? requestId = null)
    {
        var json = new JObject
        {
            ["id"] = status.Id,
            ["name"] = status.Name,
            ["sort"] = status.Sort,
            ["is_editable"] = status.IsEditable,
            ["pipeline_id"] = status.PipelineId,
            ["color"] = status.Color,
            ["type"] = status.Type,
            ["account_id"] = call.State.AccountId,
        };
        if (requestId is not null)
        {
            json["request_id"] = requestId;
        }

        if (call.With.Contains("descriptions"))
        {
            json["descriptions"] = status.Descriptions.DeepClone();
        }

        json["_links"] = Hal.Self(call.Account, $"/api/v4/leads/pipelines/{status.PipelineId}/statuses/{status.Id}");
        return json;
    }
}
