using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Lists;

/// <summary>
/// The <c>filter</c> of list methods (bitrix24-rest.md §8, §11): keys are field names with an optional operator prefix;
/// all conditions must hold (AND). A value that is an array means "any of" (IN).
/// Assumed where the docs are silent: unknown fields are ignored (legacy methods do); a comparison
/// (<c>&gt;</c>, <c>&lt;</c>…) with an empty value is ignored, so <c>&gt;ID=</c> (an unresolved batch reference) selects
/// everything — exactly the silent failure a client must avoid.
/// </summary>
internal sealed class RowFilter
{
    private static readonly string[] Operators = ["!=%", "!@", "!%", "!=", ">=", "<=", "=%", "%=", ">", "<", "=", "!", "@", "%"];

    private readonly IReadOnlyList<FilterCondition> _conditions;

    private RowFilter(IReadOnlyList<FilterCondition> conditions) => _conditions = conditions;

    public static RowFilter All { get; } = new([]);

    public IReadOnlyList<FilterCondition> Conditions => _conditions;

    /// <summary>Reads a filter; <paramref name="resolve"/> maps a requested field name to the stored one (null = unknown).</summary>
    public static RowFilter Parse(JToken? filter, Func<string, string?> resolve, Func<string, JToken, JToken>? adapt = null)
    {
        if (filter is not JObject entries)
        {
            return All;
        }

        var conditions = new List<FilterCondition>();
        foreach (var (key, value) in entries)
        {
            if (value is null || string.Equals(key, "LOGIC", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var op = Operators.FirstOrDefault(o => key.StartsWith(o, StringComparison.Ordinal)) ?? "";
            var field = resolve(key[op.Length..]);
            if (field is null)
            {
                continue;
            }

            conditions.Add(new FilterCondition(field, op, adapt is null ? value : adapt(field, value)));
        }

        return new RowFilter(conditions);
    }

    /// <summary>The smallest id a row can have to match (from <c>&gt;ID</c> / <c>&gt;=ID</c>), for a keyset scan to skip ahead.</summary>
    public int? LowerBound(string idField)
    {
        int? bound = null;
        foreach (var condition in _conditions)
        {
            if (!condition.Negate && string.Equals(condition.Field, idField, StringComparison.Ordinal) && condition.Number is { } number &&
                number == decimal.Truncate(number) && number is > int.MinValue + 1 and < int.MaxValue - 1)
            {
                var from = condition.Core switch
                {
                    ">" => (int)number + 1,
                    ">=" => (int)number,
                    _ => (int?)null,
                };
                if (from is { } value)
                {
                    bound = Math.Max(bound ?? int.MinValue, value);
                }
            }
        }

        return bound;
    }

    public bool Matches(JObject row)
    {
        foreach (var condition in _conditions)
        {
            if (!Matches(row[condition.Field], condition))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(JToken? stored, FilterCondition condition)
    {
        var core = condition.Core;
        if (core is ">" or ">=" or "<" or "<=" && condition.IsEmpty)
        {
            return true;
        }

        bool hit;
        if (stored is JArray many)
        {
            hit = core is "" or "@" && many.Count == 0
                ? condition.Candidates.Any(c => ValueComparison.AreEqual(null, c))
                : many.Any(s => MatchesOne(s, condition));
        }
        else
        {
            hit = MatchesOne(stored, condition);
        }

        return condition.Negate ? !hit : hit;
    }

    private static bool MatchesOne(JToken? stored, FilterCondition condition) => condition.Core switch
    {
        "" or "@" => condition.Candidates.Any(c => ValueComparison.AreEqual(stored, c)),
        ">" => Compare(stored, condition) > 0,
        ">=" => Compare(stored, condition) >= 0,
        "<" => Compare(stored, condition) < 0,
        "<=" => Compare(stored, condition) <= 0,
        "%" => condition.Candidates.Any(c => (Params.AsString(stored) ?? "").Contains(Params.AsString(c) ?? "", StringComparison.OrdinalIgnoreCase)),
        "=%" or "%=" => condition.Candidates.Any(c => Like(Params.AsString(stored) ?? "", Params.AsString(c) ?? "")),
        _ => false,
    };

    private static int? Compare(JToken? stored, FilterCondition condition) =>
        stored is JValue { Type: JTokenType.Integer or JTokenType.Float } number && condition.Number is { } wanted
            ? Convert.ToDecimal(number.Value, CultureInfo.InvariantCulture).CompareTo(wanted)
            : ValueComparison.Compare(stored, condition.Value);

    private static bool Like(string text, string pattern)
    {
        var regex = "^" + string.Join(".*", pattern.Split('%').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(text, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
