using System.Globalization;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Storage.Effects;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work.Effects;

/// <summary>
/// Looks in the portal for the objects of effects that may have landed before their sender died — one batch of list
/// calls for all of them. An effect is found by the object its first create made (the rest of its commands went in the
/// same batch request, which the portal runs to the end): by marker where the entity has a field for it, else by its
/// text on its item, leaving out the objects the audit already credits to other effects. An effect that only updates,
/// answers or notifies (by tag) needs no looking: sending it again changes nothing.
/// </summary>
internal static class EffectLocator
{
    /// <summary>The lookup for <paramref name="effect"/>, or null when it creates nothing that needs one.</summary>
    public static BatchCommand? Lookup(Effect effect, string key)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var create = Bitrix24Effects.Commands(effect).FirstOrDefault(c => !Bitrix24Effects.IsRepeatable(c.Method));
        if (create is null)
        {
            return null;
        }

        var marker = Bitrix24Effects.Marker(effect.Key);
        var p = create.Parameters ?? [];
        var fields = p["fields"] as JObject ?? [];
        return create.Method switch
        {
            "tasks.task.add" => new BatchCommand(key, "tasks.task.list", new JObject { ["filter"] = new JObject { ["TAG"] = marker }, ["select"] = new JArray("ID") }),
            "crm.lead.add" or "crm.deal.add" or "crm.contact.add" or "crm.company.add" =>
                new BatchCommand(key, create.Method[..^3] + "list", new JObject { ["filter"] = new JObject { ["ORIGIN_ID"] = marker }, ["select"] = new JArray("ID") }),
            "crm.activity.add" => new BatchCommand(key, "crm.activity.list", new JObject { ["filter"] = new JObject { ["ORIGIN_ID"] = marker }, ["select"] = new JArray("ID") }),
            "crm.item.add" => new BatchCommand(key, "crm.item.list", new JObject { ["entityTypeId"] = p["entityTypeId"], ["filter"] = new JObject { ["xmlId"] = marker }, ["select"] = new JArray("id") }),
            "crm.activity.todo.add" => new BatchCommand(key, "crm.activity.list", new JObject
            {
                ["filter"] = new JObject { ["OWNER_TYPE_ID"] = p["ownerTypeId"], ["OWNER_ID"] = p["ownerId"], ["PROVIDER_ID"] = "CRM_TODO" },
                ["select"] = new JArray("ID", "SUBJECT", "DESCRIPTION"),
                ["order"] = new JObject { ["ID"] = "DESC" },
            }),
            "crm.timeline.comment.add" when fields["ENTITY_ID"] is JValue { Type: JTokenType.Integer } || long.TryParse(fields.Value<string>("ENTITY_ID"), out _) => new BatchCommand(key, "crm.timeline.comment.list", new JObject
            {
                ["filter"] = new JObject { ["ENTITY_ID"] = fields["ENTITY_ID"], ["ENTITY_TYPE"] = fields["ENTITY_TYPE"] },
                ["select"] = new JArray("ID", "COMMENT"),
                ["order"] = new JObject { ["ID"] = "DESC" },
            }),

            // Nothing to find it by: sent again (at least once; the README lists these).
            _ => null,
        };
    }

    /// <summary>
    /// The id of the object <paramref name="effect"/> created, found in <paramref name="result"/> of its lookup, or null
    /// when it is not there. <paramref name="credited"/> holds ids the audit already gives to other effects.
    /// </summary>
    public static string? Found(Effect effect, BatchCommandResult result, IReadOnlySet<string> credited)
    {
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(credited);
        var rows = result.Result switch
        {
            JArray list => list,
            JObject { } o when o["tasks"] is JArray tasks => tasks,
            JObject { } o when o["items"] is JArray items => items,
            _ => [],
        };
        var create = Bitrix24Effects.Commands(effect).First(c => !Bitrix24Effects.IsRepeatable(c.Method));
        var p = create.Parameters ?? [];
        Func<JObject, bool> matches = create.Method switch
        {
            "crm.activity.todo.add" => row => row.Value<string>("SUBJECT") == (p.Value<string>("title") ?? string.Empty) && row.Value<string>("DESCRIPTION") == (p.Value<string>("description") ?? string.Empty),
            "crm.timeline.comment.add" => row => row.Value<string>("COMMENT") == p["fields"]?.Value<string>("COMMENT"),
            _ => _ => true,
        };
        return rows.OfType<JObject>()
            .Where(matches)
            .Select(row => Convert.ToString(row["ID"] ?? row["id"], CultureInfo.InvariantCulture))
            .FirstOrDefault(id => id is { Length: > 0 } && !credited.Contains(id));
    }
}
