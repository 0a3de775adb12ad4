using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Batch;

/// <summary>
/// One call inside a <c>batch</c>. Parameter values may refer to an earlier command's result with
/// <c>$result[key][field]…</c> (bitrix24-rest.md §10), e.g. <c>"C$result[pipeline][category][id]:NEW"</c>.
/// </summary>
public sealed record BatchCommand(string Key, string Method, JObject? Parameters = null);
