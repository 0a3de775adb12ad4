using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>A successful answer: <c>result</c>, list paging (<c>total</c>, <c>next</c>) and the <c>time</c> block.</summary>
public sealed record Bitrix24Response(JToken Result, int? Total, int? Next, ResponseTime? Time)
{
    internal static Bitrix24Response From(JObject body) => new(
        body["result"] ?? JValue.CreateNull(),
        body.Value<int?>("total"),
        body.Value<int?>("next"),
        ResponseTime.From(body["time"]));
}
