using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Batch;

/// <summary><c>$result[key][path]…</c> references inside batch parameters: finding them and resolving them locally.</summary>
internal static partial class BatchReferences
{
    /// <summary>The command keys the string values of <paramref name="parameters"/> refer to.</summary>
    public static IEnumerable<string> KeysIn(JObject? parameters) =>
        Strings(parameters).SelectMany(s => Pattern().Matches(s).Select(m => m.Groups[1].Value)).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// A copy of <paramref name="parameters"/> with references to already-run commands replaced by their values. Returns
    /// null with the reason when a reference points at something the result does not hold.
    /// </summary>
    public static JObject? Resolve(JObject? parameters, IReadOnlyDictionary<string, BatchCommandResult> done, out string? problem)
    {
        problem = null;
        if (parameters is null)
        {
            return null;
        }

        var copy = (JObject)parameters.DeepClone();
        // A string value can hold null (a JValue made from a null string); it refers to nothing.
        foreach (var value in copy.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String && v.Value is not null).ToList())
        {
            var text = value.Value<string>()!;
            var matches = Pattern().Matches(text).Where(m => done.ContainsKey(m.Groups[1].Value)).ToList();
            if (matches.Count == 0)
            {
                continue;
            }

            if (matches.Count == 1 && matches[0].Length == text.Length)
            {
                var target = Navigate(done, matches[0]);
                if (target is not JValue scalar)
                {
                    problem = $"{text} does not point at a single value";
                    return null;
                }

                value.Replace(scalar.DeepClone());
                continue;
            }

            var replaced = text;
            foreach (var match in matches.OrderByDescending(m => m.Index))
            {
                if (Navigate(done, match) is not JValue scalar)
                {
                    problem = $"{match.Value} does not point at a single value";
                    return null;
                }

                replaced = replaced[..match.Index] + Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) + replaced[(match.Index + match.Length)..];
            }

            value.Value = replaced;
        }

        return copy;
    }

    private static JToken? Navigate(IReadOnlyDictionary<string, BatchCommandResult> done, Match match)
    {
        var current = done[match.Groups[1].Value].Result;
        foreach (Capture segment in match.Groups[3].Captures)
        {
            var name = segment.Value;
            current = current switch
            {
                JArray array when int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) => index >= 0 && index < array.Count ? array[index] : null,
                JObject obj => obj[name],
                _ => null,
            };
        }

        return current;
    }

    private static IEnumerable<string> Strings(JToken? token) =>
        token is null ? [] : (token is JContainer container ? container.DescendantsAndSelf() : [token]).OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => v.Value<string>()).OfType<string>();

    [GeneratedRegex(@"\$result\[([^\]]+)\]((?:\[([^\]]*)\])*)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
