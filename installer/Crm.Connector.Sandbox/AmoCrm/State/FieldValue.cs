using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>The values of one custom field on a record, normalized to <c>{value[, enum_id, enum_code]}</c>.</summary>
internal sealed record FieldValue(long FieldId, IReadOnlyList<JObject> Values);
