using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>One history event (amocrm-api.md §7.3), e.g. <c>lead_added</c> or <c>lead_status_changed</c>.</summary>
internal sealed record AccountEvent(string Id, string Type, string EntityType, long EntityId, long CreatedBy, long CreatedAt, JArray ValueBefore, JArray ValueAfter);
