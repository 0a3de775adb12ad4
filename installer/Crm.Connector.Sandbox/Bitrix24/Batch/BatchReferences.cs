using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Batch;

/// <summary>
/// <c>$result[key][a][b]…</c> references in batch commands (bitrix24-rest.md §10): replaced, anywhere inside a
/// parameter value, by the value at that path in an earlier command's result (arrays by index:
/// <c>$result[page][49][ID]</c>, <c>$result[page][items][49][id]</c>). <c>$result_total[key]</c> and
/// <c>$result_next[key]</c> read those maps. A value that is exactly one reference takes the referenced value whole
/// (which may be an array or object). UNCONFIRMED: an unresolvable reference becomes an empty string — the dangerous
/// case (<c>filter[&gt;ID]=</c> matches everything) clients must avoid.
/// </summary>
internal static partial class BatchReferences
{
    public static JToken Substitute(JToken value, BatchResults results) => value switch
    {
        JObject entries => new JObject(entries.Properties().Select(p => new JProperty(p.Name, Substitute(p.Value, results)))),
        JArray items => new JArray(items.Select(i => Substitute(i, results))),
        JValue { Type: JTokenType.String } text => SubstituteText((string)text!, results),
        _ => value.DeepClone(),
    };

    private static JToken SubstituteText(string text, BatchResults results)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var whole = Reference().Match(text);
        if (whole.Success && whole.Index == 0 && whole.Length == text.Length)
        {
            return Resolve(whole, results)?.DeepClone() ?? "";
        }

        return Reference().Replace(text, m => Render(Resolve(m, results)));
    }

    private static JToken? Resolve(Match match, BatchResults results)
    {
        var segments = match.Groups["path"].Captures.Select(c => c.Value).ToList();
        var map = match.Groups["map"].Value switch
        {
            "_total" => results.Totals,
            "_next" => results.Nexts,
            _ => results.Results,
        };
        JToken? current = map[segments[0]];
        foreach (var segment in segments.Skip(1))
        {
            current = current switch
            {
                JObject entries => entries[segment],
                JArray items when int.TryParse(segment, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < items.Count => items[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static string Render(JToken? value) => value switch
    {
        null => "",
        JValue { Type: JTokenType.Null } => "",
        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "1" : "",
        JValue scalar => Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? "",
        _ => "Array",
    };

    [GeneratedRegex(@"\$result(?<map>_total|_next)?(?:\[(?<path>[^\[\]]*)\])+")]
    private static partial Regex Reference();
}
