using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work.Effects;

/// <summary>
/// One collection write of commands' bodies through the client's typed services, so the client's pacing, error map and
/// lost-answer rule (a POST is never re-sent, <c>AmoCrmUncertainWriteException</c>) apply: the stored JSON is read back
/// into the request models. Properties a model does not have are dropped — the commands are written by our adapter,
/// which only uses the ones below.
/// </summary>
internal static class AmoWriteCalls
{
    /// <summary>Whether <paramref name="method"/> <paramref name="path"/> is a write the sender can make.</summary>
    public static bool Supports(string method, string path) => Route(method, path) is not null;

    /// <summary>Writes <paramref name="bodies"/> (at most 50) in one request; the ids written, in input order.</summary>
    public static async Task<IReadOnlyList<long>> SendAsync(AmoCrmClient client, string method, string path, IReadOnlyList<JObject> bodies, CancellationToken cancellationToken)
    {
        IReadOnlyList<AmoWriteResult> results = Route(method, path) switch
        {
            ("POST", "tasks", _) => await client.Tasks.AddAsync([.. bodies.Select(b => b.ToObject<AmoTaskAdd>(AmoJson.Serializer)!)], cancellationToken),
            ("PATCH", "tasks", _) => await client.Tasks.UpdateAsync([.. bodies.Select(b => b.ToObject<AmoTaskPatch>(AmoJson.Serializer)!)], cancellationToken),
            ("POST", "leads", _) => await client.Leads.AddAsync([.. bodies.Select(LeadAdd)], cancellationToken),
            ("PATCH", "leads", _) => await client.Leads.UpdateAsync([.. bodies.Select(b => Model<AmoLeadPatch>(b) with { CustomFieldsValues = Values(b) })], cancellationToken),
            ("PATCH", "contacts", _) => await client.Contacts.UpdateAsync([.. bodies.Select(b => Model<AmoContactPatch>(b) with { CustomFieldsValues = Values(b) })], cancellationToken),
            ("POST", "notes", { } entity) => await client.Notes.AddAsync(entity, [.. bodies.Select(b => b.ToObject<AmoNoteAdd>(AmoJson.Serializer)!)], cancellationToken),
            _ => throw new NotSupportedException($"{method} {path} is not a write the amoCRM sender makes."),
        };
        return [.. results.Select(r => r.Id)];
    }

    /// <summary>(method, collection, notes' entity) of a supported write; null otherwise.</summary>
    private static (string Method, string Collection, AmoEntityType? Entity)? Route(string method, string path)
    {
        var upper = method.ToUpperInvariant();
        return path.Trim('/') switch
        {
            "api/v4/tasks" when upper is AmoCommand.Post or AmoCommand.Patch => (upper, "tasks", null),
            "api/v4/leads" when upper is AmoCommand.Post or AmoCommand.Patch => (upper, "leads", null),
            "api/v4/contacts" when upper is AmoCommand.Patch => (upper, "contacts", null),
            "api/v4/leads/notes" when upper is AmoCommand.Post => (upper, "notes", AmoEntityType.Leads),
            "api/v4/contacts/notes" when upper is AmoCommand.Post => (upper, "notes", AmoEntityType.Contacts),
            "api/v4/companies/notes" when upper is AmoCommand.Post => (upper, "notes", AmoEntityType.Companies),
            _ => null,
        };
    }

    private static AmoLeadAdd LeadAdd(JObject body)
    {
        var embedded = body["_embedded"] as JObject;
        return Model<AmoLeadAdd>(body) with
        {
            CustomFieldsValues = Values(body),
            Tags = embedded?["tags"]?.ToObject<List<AmoTag>>(AmoJson.Serializer),
            Contacts = embedded?["contacts"]?.ToObject<List<AmoEntityLink>>(AmoJson.Serializer),
            Companies = embedded?["companies"]?.ToObject<List<AmoEntityLink>>(AmoJson.Serializer),
        };
    }

    /// <summary>The model without the parts it writes through its own types (custom field values, embedded links).</summary>
    private static T Model<T>(JObject body)
    {
        var plain = (JObject)body.DeepClone();
        plain.Remove("custom_fields_values");
        plain.Remove("_embedded");
        return plain.ToObject<T>(AmoJson.Serializer)!;
    }

    private static CustomFieldValues? Values(JObject body)
    {
        if (body["custom_fields_values"] is not JArray entries)
        {
            return null;
        }

        var values = new CustomFieldValues();
        foreach (var entry in entries.OfType<JObject>())
        {
            var fieldId = entry.Value<long>("field_id");
            if (entry["values"] is JArray list)
            {
                values.Values(fieldId, list.Select(v => v.ToObject<AmoFieldValue>(AmoJson.Serializer)!));
            }
            else
            {
                values.Clear(fieldId);
            }
        }

        return values;
    }
}
