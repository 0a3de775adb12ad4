using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work.Effects;

/// <summary>
/// amoCRM's side of an effect: its commands as the outbox keeps them (<c>{key, method, path, body}</c>), and the
/// <c>request_id</c> each create is sent with. amoCRM has no external-id field on tasks, notes or leads that a later
/// search could find (the <c>request_id</c> is only echoed in the answer, amocrm-api.md §6.1, §7.1), so an effect that
/// may have landed is found by what it wrote instead (<see cref="AmoEffectLocator"/>).
/// </summary>
public static partial class AmoEffects
{
    /// <summary>An effect of <paramref name="entry"/>'s action made of <paramref name="commands"/>.</summary>
    public static Effect Create(AuditEntry entry, IEnumerable<AmoCommand> commands, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(commands);
        var key = entry.Key ?? throw new ArgumentException("An effect needs its audit entry's key.", nameof(entry));
        var list = commands.ToList();
        if (list.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            throw new ArgumentException("The commands of an effect need distinct keys.", nameof(commands));
        }

        return new Effect
        {
            Key = key,
            MemberId = entry.MemberId,
            Entity = entry.Entity,
            ItemId = entry.ItemId,
            Action = entry.Action,
            Cause = entry.Cause,
            Detail = entry.Detail,
            Commands = new JArray(list.Select(c => new JObject
            {
                ["key"] = c.Key,
                ["method"] = c.Method,
                ["path"] = c.Path,
                ["body"] = c.Body.DeepClone(),
            })),
            CreatedAt = now,
        };
    }

    /// <summary>The commands of <paramref name="effect"/>, as <see cref="Create"/> stored them.</summary>
    public static IReadOnlyList<AmoCommand> Commands(Effect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return [.. effect.Commands.OfType<JObject>().Select(c => new AmoCommand(c.Value<string>("key")!, c.Value<string>("method")!, c.Value<string>("path")!, c["body"] as JObject ?? []))];
    }

    /// <summary>
    /// The <c>request_id</c> of command <paramref name="commandKey"/> of effect <paramref name="effectKey"/>: a digest of
    /// the effect key (keys are long; amoCRM echoes request ids back) and the command key — unique across the effects of one request.
    /// </summary>
    public static string RequestId(string effectKey, string commandKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(effectKey)))[..16] + "." + commandKey;

    /// <summary>Whether sending <paramref name="method"/> twice leaves the account as sending it once: a PATCH sets values, a POST creates.</summary>
    public static bool IsRepeatable(string method) => string.Equals(method, AmoCommand.Patch, StringComparison.OrdinalIgnoreCase);

    /// <summary>The keys of the commands whose results <paramref name="body"/> refers to.</summary>
    public static IReadOnlySet<string> References(JToken body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in (body is JContainer container ? container.DescendantsAndSelf() : [body]).OfType<JValue>().Where(v => v.Type == JTokenType.String))
        {
            foreach (Match match in ResultPattern().Matches((string)value!))
            {
                keys.Add(match.Groups[1].Value);
            }
        }

        return keys;
    }

    /// <summary>
    /// <paramref name="body"/> with its references replaced by the ids in <paramref name="results"/>: a value that is
    /// only a reference becomes the number, one inside a text (a link in a note) the number's digits.
    /// </summary>
    public static JObject Resolve(JObject body, IReadOnlyDictionary<string, long> results)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(results);
        var resolved = (JObject)body.DeepClone();
        foreach (var value in resolved.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
        {
            var text = (string)value!;
            if (ResultPattern().Match(text) is { Success: true } whole && whole.Length == text.Length && results.TryGetValue(whole.Groups[1].Value, out var id))
            {
                value.Replace(new JValue(id));
            }
            else if (text.Contains("$result[", StringComparison.Ordinal))
            {
                value.Value = ResultPattern().Replace(text, m => results.TryGetValue(m.Groups[1].Value, out var inner) ? inner.ToString(System.Globalization.CultureInfo.InvariantCulture) : m.Value);
            }
        }

        return resolved;
    }

    [GeneratedRegex(@"\$result\[([^\]]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex ResultPattern();
}
