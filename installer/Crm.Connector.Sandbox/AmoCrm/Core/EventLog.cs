using System.Globalization;
using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Core;

/// <summary>Records history events (§7.3) as changes happen; read through <c>GET /api/v4/events</c>.</summary>
internal static class EventLog
{
    public static void Add(ApiCall call, string type, string entityType, long entityId, JArray? before = null, JArray? after = null)
    {
        var id = call.State.NextId("event").ToString("x12", CultureInfo.InvariantCulture);
        call.State.Events.Add(new AccountEvent(id, type, entityType, entityId, call.UserId, call.Now, before ?? [], after ?? []));
    }

    public static JArray LeadStatus(long statusId, long pipelineId) =>
        [new JObject { ["lead_status"] = new JObject { ["id"] = statusId, ["pipeline_id"] = pipelineId } }];

    public static JArray Responsible(long userId) =>
        [new JObject { ["responsible_user"] = new JObject { ["id"] = userId } }];
}
