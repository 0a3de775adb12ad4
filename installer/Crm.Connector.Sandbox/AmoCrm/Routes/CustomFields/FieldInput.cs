using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.CustomFields;

/// <summary>
/// A custom field as sent in POST or PATCH (§4.2), validated against the account: type known and allowed on the entity
/// (§4.3), <c>code</c> unique per entity (case-insensitive; UNCONFIRMED error code <c>NotUnique</c>), list types need
/// <c>enums</c> and other types may not have them, <c>required_statuses</c> name existing stages, <c>group_id</c> an
/// existing group of the entity, <c>remind</c> only on birthday fields.
/// </summary>
internal sealed class FieldInput
{
    private static readonly string[] Reminds = ["never", "day", "week", "month"];

    public required string RequestId { get; init; }

    public long? Id { get; init; }

    public string? Type { get; init; }

    public string? Name { get; init; }

    public bool HasCode { get; init; }

    public string? Code { get; init; }

    public int? Sort { get; init; }

    public bool HasGroup { get; init; }

    public string? GroupId { get; init; }

    public bool? IsApiOnly { get; init; }

    public string? Remind { get; init; }

    public List<RequiredStatus>? RequiredStatuses { get; init; }

    /// <summary>The enums as sent (id null = new); null when the key is absent.</summary>
    public List<(long? Id, string Value, int? Sort, string? Code)>? Enums { get; init; }

    /// <summary>Reads one item; <paramref name="existing"/> is the field a PATCH changes (null for POST).</summary>
    public static FieldInput Read(ApiCall call, EntityKind entity, FieldReader reader, CustomField? existing, ISet<string> codesTaken)
    {
        var type = existing?.Type ?? reader.String("type", required: true);
        if (existing is null && type is not null && (!FieldTypes.IsKnown(type) || !FieldTypes.AllowedOn(type, entity)))
        {
            reader.Error("NotSupportedChoice", "type", $"The type '{type}' cannot be created on {entity.Plural()}.");
        }

        if (existing is not null && reader.String("type") is { } newType && newType != existing.Type)
        {
            reader.Error("FieldNotExpected", "type", "The type of a field cannot be changed.");
        }

        var name = reader.String("name", required: existing is null);
        var code = reader.String("code", allowEmpty: true);
        if (!string.IsNullOrEmpty(code))
        {
            if (existing?.IsPredefined == true && !string.Equals(code, existing.Code, StringComparison.OrdinalIgnoreCase))
            {
                reader.Error("FieldNotExpected", "code", "The code of a predefined field cannot be changed.");
            }
            else if (!codesTaken.Add(code.ToUpperInvariant()) && !string.Equals(code, existing?.Code, StringComparison.OrdinalIgnoreCase))
            {
                reader.Error("NotUnique", "code", $"The code '{code}' is already used by another field of {entity.Plural()}.");
            }
        }

        var groupId = reader.String("group_id", allowEmpty: true);
        if (!string.IsNullOrEmpty(groupId) && !call.State.FieldGroups.Exists(g => g.Entity == entity && g.Id == groupId))
        {
            reader.Error("NotSupportedChoice", "group_id", "No such field group.");
        }

        var remind = reader.String("remind");
        if (remind is not null && (type != "birthday" || !Reminds.Contains(remind, StringComparer.Ordinal)))
        {
            reader.Error(type != "birthday" ? "FieldNotExpected" : "NotSupportedChoice", "remind", "remind is for birthday fields: never, day, week or month.");
        }

        return new FieldInput
        {
            RequestId = reader.RequestId,
            Id = existing?.Id,
            Type = type,
            Name = name,
            HasCode = reader.Has("code"),
            Code = string.IsNullOrEmpty(code) ? null : code,
            Sort = reader.Int("sort"),
            HasGroup = reader.Has("group_id"),
            GroupId = string.IsNullOrEmpty(groupId) ? null : groupId,
            IsApiOnly = reader.Bool("is_api_only"),
            Remind = remind,
            RequiredStatuses = ReadRequiredStatuses(call, reader),
            Enums = ReadEnums(reader, type, existing),
        };
    }

    private static List<RequiredStatus>? ReadRequiredStatuses(ApiCall call, FieldReader reader)
    {
        if (!reader.Has("required_statuses") || reader.Item["required_statuses"]?.Type == JTokenType.Null)
        {
            return reader.Has("required_statuses") ? [] : null;
        }

        if (reader.Array("required_statuses") is not { } list)
        {
            return null;
        }

        var result = new List<RequiredStatus>();
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"required_statuses.{FieldReader.Index(i)}";
            if (list[i] is not JObject entry)
            {
                reader.Error("InvalidType", path, "This value should be of type object.");
                continue;
            }

            var nested = reader.Nested(entry, path);
            var pipelineId = nested.Long("pipeline_id", required: true);
            var statusId = nested.Long("status_id", required: true);
            if (pipelineId is null || statusId is null)
            {
                continue;
            }

            if (call.State.Status(pipelineId.Value, statusId.Value) is null)
            {
                nested.Error("NotSupportedChoice", "status_id", "No such status in this pipeline.");
                continue;
            }

            result.Add(new RequiredStatus(pipelineId.Value, statusId.Value));
        }

        return result;
    }

    private static List<(long? Id, string Value, int? Sort, string? Code)>? ReadEnums(FieldReader reader, string? type, CustomField? existing)
    {
        if (type is null)
        {
            return null;
        }

        if (!reader.Has("enums") || reader.Item["enums"]?.Type == JTokenType.Null)
        {
            if (existing is null && FieldTypes.NeedsEnums(type))
            {
                reader.Error("FieldMissing", "enums", $"A {type} field needs enums.");
            }

            return null;
        }

        if (!FieldTypes.HasEnums(type))
        {
            reader.Error("FieldNotExpected", "enums", $"A {type} field has no enums.");
            return null;
        }

        if (existing?.IsPredefined == true)
        {
            reader.Error("FieldNotExpected", "enums", "The enums of a predefined field cannot be changed.");
            return null;
        }

        if (reader.Array("enums") is not { } list)
        {
            return null;
        }

        if (list.Count == 0 && FieldTypes.NeedsEnums(type))
        {
            reader.Error("FieldIsEmpty", "enums", $"A {type} field needs at least one enum.");
        }

        var result = new List<(long? Id, string Value, int? Sort, string? Code)>();
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"enums.{FieldReader.Index(i)}";
            if (list[i] is not JObject entry)
            {
                reader.Error("InvalidType", path, "This value should be of type object.");
                continue;
            }

            var nested = reader.Nested(entry, path);
            var id = nested.Long("id");
            var value = nested.String("value", required: true);
            var sort = nested.Int("sort");
            var code = nested.String("code");
            if (id is not null && existing?.Enums.Exists(e => e.Id == id) != true)
            {
                nested.Error("NotSupportedChoice", "id", "No such enum in this field.");
            }

            if (value is null)
            {
                continue;
            }

            if (!values.Add(value))
            {
                nested.Error("NotUnique", "value", "Enum values must be unique within the field.");
            }

            result.Add((id, value, sort, code));
        }

        return result;
    }
}
