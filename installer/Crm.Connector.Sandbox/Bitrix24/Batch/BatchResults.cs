using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Batch;

/// <summary>What earlier commands of a batch produced, by command key (§10).</summary>
internal sealed class BatchResults
{
    public JObject Results { get; } = [];

    public JObject Errors { get; } = [];

    public JObject Totals { get; } = [];

    public JObject Nexts { get; } = [];

    public JObject Times { get; } = [];

    /// <summary>
    /// The answer's <c>result</c>. Like PHP's json_encode, an empty map is <c>[]</c> (a JSON array), not <c>{}</c>, and a
    /// map whose keys are 0..n-1 (a <c>cmd</c> sent as a list) is an array too.
    /// </summary>
    public JObject ToJson() => new()
    {
        ["result"] = Php(Results),
        ["result_error"] = Php(Errors),
        ["result_total"] = Php(Totals),
        ["result_next"] = Php(Nexts),
        ["result_time"] = Php(Times),
    };

    private static JToken Php(JObject map)
    {
        if (map.Count == 0)
        {
            return new JArray();
        }

        var names = map.Properties().Select(p => p.Name).ToList();
        return names.SequenceEqual(Enumerable.Range(0, names.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            ? new JArray(map.Properties().Select(p => p.Value))
            : map;
    }
}
