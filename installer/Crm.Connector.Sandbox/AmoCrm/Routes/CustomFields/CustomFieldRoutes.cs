using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.CustomFields;

/// <summary>
/// <c>/api/v4/{leads|contacts|companies}/custom_fields</c> (§4.1): GET pages of at most 50 (<c>page</c>, <c>limit</c>,
/// <c>filter[type][]</c>, <c>order[sort|id]</c>, <c>_links.next</c>), POST array → 201 with the created fields
/// (enum ids included), PATCH array (each with id) or one. In a PATCH, <c>enums</c> replaces the whole list: enums sent
/// with an id are kept (and renamed or re-sorted), enums without an id are created, enums left out are deleted — and
/// so are the values records held in them. Predefined fields (PHONE, EMAIL, POSITION, WEB, ADDRESS) cannot be deleted.
/// </summary>
internal static class CustomFieldRoutes
{
    /// <summary>§4.1: "Метод возвращает до 50 полей за один запрос".</summary>
    public const int PageCap = 50;

    public static void Add(RouteTable routes)
    {
        foreach (var kind in EntityKinds.All)
        {
            var path = $"/api/v4/{kind.Plural()}/custom_fields";
            routes
                .Get(path, call => List(call, kind))
                .Post(path, call => Create(call, kind))
                .Patch(path, call => UpdateMany(call, kind))
                .Get(path + "/{id}", call => One(call, kind))
                .Patch(path + "/{id}", call => UpdateOne(call, kind))
                .Delete(path + "/{id}", call => Delete(call, kind));
        }
    }

    private static CustomField Find(ApiCall call, EntityKind kind, long id) =>
        call.State.Fields.TryGetValue(id, out var field) && field.Entity == kind ? field : throw ApiProblem.NotFound();

    private static ApiResult List(ApiCall call, EntityKind kind)
    {
        var (page, limit) = Paging.Read(call, defaultLimit: PageCap, cap: PageCap);
        IEnumerable<CustomField> fields = call.State.FieldsOf(kind);
        if (call.Query["filter"]?["type"] is { } types)
        {
            var wanted = (types is JArray array ? array.Select(t => (string?)t) : [(string?)types]).ToHashSet(StringComparer.Ordinal);
            fields = fields.Where(f => wanted.Contains(f.Type));
        }

        var order = call.Query["order"] as JObject;
        fields = order?["id"] is { } idOrder
            ? ((string?)idOrder == "desc" ? fields.OrderByDescending(f => f.Id) : fields.OrderBy(f => f.Id))
            : ((string?)order?["sort"] == "desc" ? fields.OrderByDescending(f => f.Sort).ThenByDescending(f => f.Id) : fields.OrderBy(f => f.Sort).ThenBy(f => f.Id));
        return Paging.Page(call, "custom_fields", [.. fields.Select(f => CustomFieldView.Field(call, f))], page, limit, totals: true);
    }

    private static ApiResult One(ApiCall call, EntityKind kind) => ApiResult.Ok(CustomFieldView.Field(call, Find(call, kind, call.Id())));

    private static ApiResult Create(ApiCall call, EntityKind kind)
    {
        Guard.Admin(call);
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var codes = CodesOf(call, kind);
        var inputs = new List<FieldInput>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            if (reader.Has("id"))
            {
                reader.Error("FieldNotExpected", "id", "New fields get their id from the server.");
            }

            inputs.Add(FieldInput.Read(call, kind, reader, existing: null, codes));
        }

        errors.ThrowIfAny();
        var created = new JArray();
        foreach (var input in inputs)
        {
            var field = new CustomField
            {
                Id = call.State.NextId("field"),
                Entity = kind,
                Name = input.Name!,
                Type = input.Type!,
                Code = input.Code,
                Sort = input.Sort ?? 500,
                GroupId = input.GroupId,
                IsApiOnly = input.IsApiOnly ?? false,
                Remind = input.Remind,
                RequiredStatuses = input.RequiredStatuses ?? [],
            };
            ApplyEnums(call, field, input.Enums);
            call.State.Fields[field.Id] = field;
            created.Add(CustomFieldView.Field(call, field, input.RequestId));
        }

        return ApiResult.Created(new JObject
        {
            ["_total_items"] = created.Count,
            ["_embedded"] = new JObject { ["custom_fields"] = created },
        });
    }

    private static ApiResult UpdateMany(ApiCall call, EntityKind kind)
    {
        Guard.Admin(call);
        var items = Body.Items(call);
        var updated = Update(call, kind, [.. items.Select((item, i) => (item, Body.RequestId(item, i), item["id"]?.Type == JTokenType.Integer ? item.Value<long?>("id") : null))]);
        return ApiResult.Ok(new JObject
        {
            ["_total_items"] = updated.Count,
            ["_embedded"] = new JObject { ["custom_fields"] = new JArray(updated) },
        });
    }

    private static ApiResult UpdateOne(ApiCall call, EntityKind kind)
    {
        Guard.Admin(call);
        var field = Find(call, kind, call.Id());
        return ApiResult.Ok(Update(call, kind, [(Body.Object(call), "0", field.Id)])[0]);
    }

    private static List<JObject> Update(ApiCall call, EntityKind kind, List<(JObject Item, string RequestId, long? Id)> items)
    {
        var errors = new ValidationErrors();
        var codes = CodesOf(call, kind);
        var changes = new List<(CustomField Field, FieldInput Input)>();
        foreach (var (item, requestId, id) in items)
        {
            var reader = new FieldReader(item, requestId, errors);
            if (id is null || !call.State.Fields.TryGetValue(id.Value, out var field) || field.Entity != kind)
            {
                reader.Error("NotSupportedChoice", "id", "No such field.");
                continue;
            }

            changes.Add((field, FieldInput.Read(call, kind, reader, field, codes)));
        }

        errors.ThrowIfAny();
        foreach (var (field, input) in changes)
        {
            field.Name = input.Name ?? field.Name;
            field.Sort = input.Sort ?? field.Sort;
            field.IsApiOnly = input.IsApiOnly ?? field.IsApiOnly;
            field.Remind = input.Remind ?? field.Remind;
            field.Code = input.HasCode ? input.Code : field.Code;
            field.GroupId = input.HasGroup ? input.GroupId : field.GroupId;
            field.RequiredStatuses = input.RequiredStatuses ?? field.RequiredStatuses;
            ApplyEnums(call, field, input.Enums);
        }

        return [.. changes.Select(c => CustomFieldView.Field(call, c.Field, c.Input.RequestId))];
    }

    private static ApiResult Delete(ApiCall call, EntityKind kind)
    {
        Guard.Admin(call);
        var field = Find(call, kind, call.Id());
        if (field.IsPredefined || !field.IsDeletable)
        {
            throw ApiProblem.BadRequest("A predefined field cannot be deleted.");
        }

        call.State.Fields.Remove(field.Id);
        foreach (var record in call.State.Records(kind).Values)
        {
            record.Values.RemoveAll(v => v.FieldId == field.Id);
        }

        return ApiResult.NoContent();
    }

    /// <summary>Upper-case codes already used on the entity.</summary>
    private static HashSet<string> CodesOf(ApiCall call, EntityKind kind) =>
        [.. call.State.FieldsOf(kind).Where(f => f.Code is not null).Select(f => f.Code!.ToUpperInvariant())];

    /// <summary>Replaces the field's enums with <paramref name="enums"/> (null: leave them), dropping values held in deleted ones.</summary>
    private static void ApplyEnums(ApiCall call, CustomField field, List<(long? Id, string Value, int? Sort, string? Code)>? enums)
    {
        if (enums is null)
        {
            return;
        }

        var kept = new List<FieldEnum>();
        var sort = 1;
        foreach (var (id, value, enumSort, code) in enums)
        {
            var entry = id is { } existingId ? field.Enums.Find(e => e.Id == existingId)! : new FieldEnum { Id = call.State.NextId("enum"), Value = value };
            entry.Value = value;
            entry.Sort = enumSort ?? (id is null ? sort : entry.Sort);
            entry.Code = code ?? entry.Code;
            kept.Add(entry);
            sort++;
        }

        var removed = field.Enums.Where(e => !kept.Contains(e)).Select(e => e.Id).ToHashSet();
        field.Enums = kept;
        if (removed.Count == 0)
        {
            return;
        }

        foreach (var record in call.State.Records(field.Entity).Values)
        {
            record.Values = [.. record.Values
                .Select(v => v.FieldId != field.Id ? v : v with { Values = [.. v.Values.Where(item => item.Value<long?>("enum_id") is not { } enumId || !removed.Contains(enumId))] })
                .Where(v => v.Values.Count > 0)];
        }
    }
}
