using System.Security.Cryptography;
using System.Text;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work.Effects;

/// <summary>
/// Bitrix24's side of an effect: its batch commands as the outbox keeps them, and the marker each object it creates
/// carries so it can be found after a crash — a task's tag, an item's <c>ORIGIN_ID</c> (with <c>ORIGINATOR_ID</c> =
/// <see cref="Originator"/>), an invoice's <c>xmlId</c>, a notification's <c>TAG</c> (a second one with the same tag
/// replaces the first, so a notification sent twice is seen once). Comments and to-dos have no such field; they are
/// found by their text on their item instead (<see cref="EffectLocator"/>).
/// </summary>
internal static class Bitrix24Effects
{
    /// <summary>What the app writes into <c>ORIGINATOR_ID</c> of the items it creates.</summary>
    public const string Originator = "crm-connector";

    private static readonly HashSet<string> LegacyAdds = new(StringComparer.Ordinal) { "crm.lead.add", "crm.deal.add", "crm.contact.add", "crm.company.add", "crm.activity.add" };

    /// <summary>The marker of the effect with <paramref name="key"/>: short, stable, and the same on every instance.</summary>
    public static string Marker(string key) =>
        Originator + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];

    /// <summary>An effect of <paramref name="entry"/>'s action made of <paramref name="commands"/>, their creates marked.</summary>
    public static Effect Create(AuditEntry entry, IEnumerable<BatchCommand> commands, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = entry.Key ?? throw new ArgumentException("An effect needs its audit entry's key.", nameof(entry));
        var marker = Marker(key);
        return new Effect
        {
            Key = key,
            MemberId = entry.MemberId,
            Entity = entry.Entity,
            ItemId = entry.ItemId,
            Action = entry.Action,
            Cause = entry.Cause,
            Detail = entry.Detail,
            Commands = new JArray(commands.Select(c => new JObject
            {
                ["key"] = c.Key,
                ["method"] = c.Method,
                ["params"] = Stamp(c.Method, (JObject?)c.Parameters?.DeepClone() ?? [], marker),
            })),
            CreatedAt = now,
        };
    }

    /// <summary>The batch commands of <paramref name="effect"/>, as <see cref="Create"/> stored them.</summary>
    public static IReadOnlyList<BatchCommand> Commands(Effect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return [.. effect.Commands.OfType<JObject>().Select(c => new BatchCommand(c.Value<string>("key")!, c.Value<string>("method")!, c["params"] as JObject))];
    }

    /// <summary>Whether sending <paramref name="method"/> twice leaves the portal as sending it once (nothing to look for first).</summary>
    public static bool IsRepeatable(string method) =>
        method.EndsWith(".update", StringComparison.Ordinal) || method.StartsWith("im.notify.", StringComparison.Ordinal) || method == "bizproc.event.send";

    /// <summary>The id an add returned: a bare number, or <c>{id}</c>, <c>{task:{id}}</c>, <c>{item:{id}}</c>.</summary>
    public static JToken? CreatedId(JToken? result) => result switch
    {
        JValue value when value.Type is JTokenType.Integer or JTokenType.String => value,
        JObject o => o["id"] ?? o["task"]?["id"] ?? o["item"]?["id"],
        _ => null,
    };

    private static JObject Stamp(string method, JObject parameters, string marker)
    {
        if (method.StartsWith("im.notify.", StringComparison.Ordinal))
        {
            SetIfBlank(parameters, "TAG", marker);
        }
        else if (method == "tasks.task.add" && parameters["fields"] is JObject task)
        {
            task["TAGS"] = new JArray(((task["TAGS"] as JArray)?.Values<string>() ?? []).Append(marker).Distinct());
        }
        else if (LegacyAdds.Contains(method) && parameters["fields"] is JObject fields)
        {
            // A copied deal is this app's object, whatever the original's source was.
            fields["ORIGINATOR_ID"] = Originator;
            fields["ORIGIN_ID"] = marker;
        }
        else if (method == "crm.item.add" && parameters["fields"] is JObject item)
        {
            // Invoices document xmlId as their external code (originId is documented for leads, deals, contacts and
            // companies only), so the marker goes there.
            item["xmlId"] = marker;
        }

        return parameters;
    }

    private static void SetIfBlank(JObject target, string name, string value)
    {
        if (target[name] is null or { Type: JTokenType.Null } || string.IsNullOrEmpty(target.Value<string>(name)))
        {
            target[name] = value;
        }
    }
}
