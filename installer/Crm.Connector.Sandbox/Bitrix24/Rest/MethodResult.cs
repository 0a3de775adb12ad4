using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>What a method answers: <c>result</c>, and for list methods <c>total</c> and <c>next</c> (§11).</summary>
internal sealed record MethodResult(JToken Result, int? Total = null, int? Next = null)
{
    public static MethodResult True { get; } = new(new JValue(true));

    public static MethodResult Of(JToken result) => new(result);

    public static MethodResult Of(int value) => new(new JValue(value));
}
