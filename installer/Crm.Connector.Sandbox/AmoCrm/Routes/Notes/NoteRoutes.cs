using System.Globalization;
using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Crm.Connector.Sandbox.AmoCrm.Webhooks;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Notes;

/// <summary>
/// Notes (§7.2): <c>GET|POST /api/v4/{entity}/{id}/notes</c>, <c>GET|POST|PATCH /api/v4/{entity}/notes</c> (entity_id in
/// each item; <c>filter[entity_id|note_type|id|updated_at]</c>). Creatable types: common, call_in, call_out,
/// service_message, extended_service_message, geolocation, sms_in, sms_out, attachment; common and the message types
/// need <c>params.text</c>. Webhook <c>note_{entity}</c> carries <c>{entity}[note][N][note][…]</c> (UNCONFIRMED shape).
/// </summary>
internal static class NoteRoutes
{
    private static readonly HashSet<string> Creatable = new(StringComparer.Ordinal)
    {
        "common", "call_in", "call_out", "service_message", "extended_service_message", "geolocation", "sms_in", "sms_out", "attachment",
    };

    public static void Add(RouteTable routes)
    {
        foreach (var kind in EntityKinds.All)
        {
            var path = $"/api/v4/{kind.Plural()}";
            routes
                .Get(path + "/notes", call => List(call, kind, null))
                .Post(path + "/notes", call => Create(call, kind, null))
                .Patch(path + "/notes", call => Update(call, kind))
                .Get(path + "/{id}/notes", call => List(call, kind, call.Id()))
                .Post(path + "/{id}/notes", call => Create(call, kind, call.Id()));
        }
    }

    private static JObject View(ApiCall call, Note note) => new()
    {
        ["id"] = note.Id,
        ["entity_id"] = note.EntityId,
        ["created_by"] = note.CreatedBy,
        ["updated_by"] = note.UpdatedBy,
        ["created_at"] = note.CreatedAt,
        ["updated_at"] = note.UpdatedAt,
        ["responsible_user_id"] = note.ResponsibleUserId,
        ["group_id"] = call.State.Users.GetValueOrDefault(note.ResponsibleUserId)?.GroupId ?? 0,
        ["note_type"] = note.NoteType,
        ["params"] = note.Params.DeepClone(),
        ["account_id"] = call.State.AccountId,
        ["_links"] = Hal.Self(call.Account, $"/api/v4/{note.Entity.Plural()}/{note.EntityId}/notes/{note.Id}"),
    };

    private static ApiResult List(ApiCall call, EntityKind kind, long? entityId)
    {
        var (page, limit) = Paging.Read(call);
        var filter = call.Query["filter"] as JObject;
        IEnumerable<Note> notes = call.State.Notes.Values.Where(n => n.Entity == kind && (entityId is null || n.EntityId == entityId));
        if (QueryFilters.Ids(filter?["entity_id"]) is { } entityIds)
        {
            notes = notes.Where(n => entityIds.Contains(n.EntityId));
        }

        if (QueryFilters.Ids(filter?["id"]) is { } ids)
        {
            notes = notes.Where(n => ids.Contains(n.Id));
        }

        if (QueryFilters.Texts(filter?["note_type"]) is { } types)
        {
            notes = notes.Where(n => types.Contains(n.NoteType));
        }

        notes = notes.Where(n => QueryFilters.InRange(filter?["updated_at"], n.UpdatedAt));
        return Paging.Page(call, "notes", [.. notes.Select(n => View(call, n))], page, limit);
    }

    private static ApiResult Create(ApiCall call, EntityKind kind, long? entityId)
    {
        if (entityId is { } id && !call.State.Records(kind).ContainsKey(id))
        {
            throw ApiProblem.NotFound();
        }

        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var inputs = new List<(string RequestId, long EntityId, string Type, JObject Params, long? Responsible)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            var target = entityId ?? reader.Long("entity_id", required: true);
            if (target is not null && !call.State.Records(kind).ContainsKey(target.Value))
            {
                reader.Error("NotSupportedChoice", "entity_id", $"No such {kind.Singular()}.");
            }

            var type = reader.String("note_type", required: true);
            if (type is not null && !Creatable.Contains(type))
            {
                reader.Error("NotSupportedChoice", "note_type", $"Notes of type '{type}' cannot be created.");
            }

            var parameters = reader.Object("params");
            if (parameters is null)
            {
                reader.Error("FieldMissing", "params", "This field is missing.");
            }
            else if (type is "common" or "service_message" or "extended_service_message" or "sms_in" or "sms_out" && parameters["text"]?.Type != JTokenType.String)
            {
                reader.Error("FieldMissing", "params.text", "This field is missing.");
            }

            var responsible = reader.Long("responsible_user_id");
            inputs.Add((reader.RequestId, target ?? 0, type ?? "", (JObject?)parameters?.DeepClone() ?? [], responsible));
        }

        errors.ThrowIfAny();
        var created = new JArray();
        foreach (var input in inputs)
        {
            var note = new Note
            {
                Id = call.State.NextId("note"),
                Entity = kind,
                EntityId = input.EntityId,
                NoteType = input.Type,
                Params = input.Params,
                ResponsibleUserId = input.Responsible ?? call.UserId,
                CreatedBy = call.UserId,
                UpdatedBy = call.UserId,
                CreatedAt = call.Now,
                UpdatedAt = call.Now,
            };
            call.State.Notes[note.Id] = note;
            Notify(call, note);
            created.Add(new JObject
            {
                ["id"] = note.Id,
                ["entity_id"] = note.EntityId,
                ["request_id"] = input.RequestId,
                ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}/{note.EntityId}/notes/{note.Id}"),
            });
        }

        return ApiResult.Ok(new JObject { ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}/notes"), ["_embedded"] = new JObject { ["notes"] = created } });
    }

    private static ApiResult Update(ApiCall call, EntityKind kind)
    {
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var changes = new List<(Note Note, JObject? Params)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            var id = reader.Long("id", required: true);
            if (id is null || !call.State.Notes.TryGetValue(id.Value, out var note) || note.Entity != kind)
            {
                reader.Error("NotSupportedChoice", "id", "No such note.");
                continue;
            }

            changes.Add((note, reader.Object("params")));
        }

        errors.ThrowIfAny();
        foreach (var (note, parameters) in changes)
        {
            note.Params = (JObject?)parameters?.DeepClone() ?? note.Params;
            note.UpdatedAt = call.Now;
            note.UpdatedBy = call.UserId;
        }

        return ApiResult.Ok(new JObject { ["_embedded"] = new JObject { ["notes"] = new JArray(changes.Select(c => View(call, c.Note))) } });
    }

    private static void Notify(ApiCall call, Note note)
    {
        var fields = new List<KeyValuePair<string, string>>();
        WebhookForm.Add(fields, "note[id]", note.Id);
        WebhookForm.Add(fields, "note[note_type]", note.NoteType);
        WebhookForm.Add(fields, "note[text]", (string?)note.Params["text"] ?? "");
        WebhookForm.Add(fields, "note[element_id]", note.EntityId);
        WebhookForm.Add(fields, "note[element_type]", note.Entity.ElementType().ToString(CultureInfo.InvariantCulture));
        WebhookForm.Add(fields, "note[created_by]", note.CreatedBy);
        WebhookForm.Add(fields, "note[date_create]", note.CreatedAt);
        WebhookForm.Add(fields, "note[account_id]", call.State.AccountId);
        call.Changes.Add(new WebhookChange($"note_{note.Entity.Singular()}", note.Entity == EntityKind.Lead ? "leads" : "contacts", "note", fields));
    }
}
