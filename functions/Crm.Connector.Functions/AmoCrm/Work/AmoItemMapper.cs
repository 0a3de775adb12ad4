using System.Collections;
using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Installer;
using Crm.Connector.Installer.AmoCrm;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work;

/// <summary>
/// Translates between an amoCRM v4 entity (<c>GET /api/v4/leads?filter[id][]=…&amp;with=contacts,loss_reason</c>:
/// <c>pipeline_id</c> 5001, <c>status_id</c> 61, <c>custom_fields_values</c> by field id, list items by <c>enum_id</c>,
/// dates as unix seconds) and the rules' view of it (<c>pipeline</c> <c>course-sale</c>, <c>stage</c> <c>QUALIFIED</c>,
/// <c>COURSE</c> <c>PHP</c>, dates as ISO-8601 with the account's offset). The template names field types; the
/// provisioning ledger says which pipeline, status, field, list item and loss reason is which; the account's lists
/// (<see cref="AmoAccountLists"/>) fill in what the ledger did not record. The template's deal is amoCRM's lead.
/// </summary>
public sealed class AmoItemMapper
{
    /// <summary>The tags of a lead, contact or company, by name (not a template field: amoCRM's own).</summary>
    public const string Tags = "tags";

    /// <summary>amoCRM types whose values cannot be written back as read (files, catalog links): a copy leaves them out.</summary>
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal) { "file", "linked_entity", "chained_list", "items", "category", "payer", "supplier" };

    private readonly CrmTemplate _template;
    private readonly AmoAccountLists _lists;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<long, string> _pipelineKeys = [];
    private readonly Dictionary<string, long> _pipelineIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stageById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stageIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(CrmEntity, string), long> _fieldIds = [];
    private readonly Dictionary<(CrmEntity, string, string), long> _itemIds = [];
    private readonly Dictionary<long, Dictionary<long, string>> _itemCodes = [];
    private readonly Dictionary<string, long> _reasonIds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _reasonCodes = [];

    /// <param name="template">The installed template.</param>
    /// <param name="ledger">The installation's provisioning ledger.</param>
    /// <param name="lists">The account's custom fields and list items; none when not read.</param>
    /// <param name="accountZone">
    /// The account's time zone (<c>GET /api/v4/account?with=datetime_settings</c>): amoCRM keeps a date field as the
    /// unix second of its midnight there, so a date read in UTC could fall on the day before. UTC when not given.
    /// </param>
    public AmoItemMapper(CrmTemplate template, ProvisioningLedger ledger, AmoAccountLists? lists = null, TimeZoneInfo? accountZone = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _template = template ?? throw new ArgumentNullException(nameof(template));
        _lists = lists ?? AmoAccountLists.Empty;
        _zone = accountZone ?? TimeZoneInfo.Utc;
        ReasonField = template.Pipelines.Select(p => p.ReasonField).FirstOrDefault(f => f is not null && template.Fields.Find(CrmEntity.Deal, f) is { IsList: true });
        foreach (var (key, entry) in ledger.Of(ResourceKind.Pipeline))
        {
            if (TryId(entry.PortalId, out var id))
            {
                _pipelineKeys[id] = key.Path;
                _pipelineIds[key.Path] = id;
            }
        }

        foreach (var (key, entry) in ledger.Of(ResourceKind.Stage))
        {
            // AmoCrmNames.StageId: "pipeline:status", as 142 and 143 carry the same status id in every pipeline.
            if (entry.PortalId.Contains(':', StringComparison.Ordinal) && key.Path.LastIndexOf('/') is var slash and > 0)
            {
                _stageById[entry.PortalId] = key.Path[(slash + 1)..];
                _stageIds[key.Path] = entry.PortalId;
            }
        }

        foreach (var (key, entry) in ledger.Of(ResourceKind.Field))
        {
            if (TryId(entry.PortalId, out var id) && key.Path.Split('/') is [var entity, var code] && EnumNames.Parse<CrmEntity>(entity) is { } crmEntity)
            {
                _fieldIds[(crmEntity, code)] = id;
            }
        }

        foreach (var (key, entry) in ledger.Of(ResourceKind.ListItem))
        {
            if (TryId(entry.PortalId, out var id) && key.Path.Split('/') is [var entity, var field, var code] && EnumNames.Parse<CrmEntity>(entity) is { } crmEntity)
            {
                _itemIds[(crmEntity, field, code)] = id;
                if (FieldId(crmEntity, field) is { } fieldId)
                {
                    (_itemCodes.TryGetValue(fieldId, out var codes) ? codes : _itemCodes[fieldId] = [])[id] = code;
                }
            }
        }

        foreach (var (key, entry) in ledger.Of(ResourceKind.LossReason))
        {
            if (TryId(entry.PortalId, out var id))
            {
                _reasonIds[key.Path] = id;
                _reasonCodes[id] = key.Path;
            }
        }
    }

    public CrmTemplate Template => _template;

    /// <summary>
    /// The deal field whose items are amoCRM's loss reasons (<c>loss_reason_id</c>), not a custom field — the rule of
    /// <c>DesiredState.LossReasonField</c>: the first pipeline reason field that is a list. Null when the template has none.
    /// </summary>
    public string? ReasonField { get; }

    /// <summary>
    /// The rules' view of an amoCRM entity: a lead of <paramref name="entity"/> <c>deal</c>, or a <c>contact</c> or
    /// <c>company</c> (name, phone and e-mail from the <c>PHONE</c>/<c>EMAIL</c> fields, for <c>contact.*</c> placeholders).
    /// </summary>
    public ItemState ToState(string entity, long id, JObject raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        var crmEntity = EnumNames.Parse<CrmEntity>(entity);
        if (crmEntity == CrmEntity.Deal)
        {
            ReadLead(raw, fields);
        }
        else
        {
            fields[SystemFields.Name] = raw.Value<string>("name");
            fields[SystemFields.Phone] = Multitext(raw, "PHONE");
            fields[SystemFields.Email] = Multitext(raw, "EMAIL");
            if (crmEntity == CrmEntity.Company)
            {
                fields[SystemFields.Title] = raw.Value<string>("name");
            }
        }

        fields[BuiltInFields.Modified] = Instant(raw["updated_at"]);
        fields[BuiltInFields.Responsible] = Text(raw["responsible_user_id"]);
        fields[SystemFields.Id] = AmoCrmNames.Id(id);
        fields[SystemFields.CreatedBy] = Text(raw["created_by"]);
        fields[SystemFields.CreatedAt] = Instant(raw["created_at"]);
        fields[Tags] = (raw["_embedded"]?["tags"] as JArray)?.Select(t => t.Value<string>("name")).OfType<string>().ToList() ?? [];
        if (crmEntity is { } known)
        {
            var values = raw["custom_fields_values"] as JArray ?? [];
            foreach (var field in _template.Fields.For(known).Where(f => !(known == CrmEntity.Deal && f.Code == ReasonField)))
            {
                var fieldId = FieldId(known, field.Code);
                var value = values.OfType<JObject>().FirstOrDefault(v => fieldId is not null ? v.Value<long?>("field_id") == fieldId : v.Value<string>("field_code") == field.Code);
                fields[field.Code] = Read(field, value?.Value<long?>("field_id"), value?["values"] as JArray);
            }
        }

        return new ItemState(entity, id, fields);
    }

    /// <summary>The contacts of a lead read <c>with=contacts</c>, the main one first.</summary>
    public static IReadOnlyList<long> ContactIds(JObject lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return [.. (lead["_embedded"]?["contacts"] as JArray ?? []).OfType<JObject>()
            .OrderByDescending(c => c.Value<bool?>("is_main") == true)
            .Select(c => c.Value<long?>("id"))
            .OfType<long>()];
    }

    /// <summary>The company of a lead (amoCRM links at most one), or null.</summary>
    public static long? CompanyId(JObject lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return (lead["_embedded"]?["companies"] as JArray)?.OfType<JObject>().Select(c => c.Value<long?>("id")).FirstOrDefault(i => i is not null);
    }

    /// <summary>
    /// The body of a <c>PATCH /api/v4/leads</c> (or contacts, companies) setting <paramref name="values"/> (template
    /// names) and nothing else — amoCRM refuses whole-entity PATCHes when, say, the author was deleted (amocrm-api.md
    /// §12.3). <c>stage</c> sends <c>status_id</c> with <c>pipeline_id</c> (142/143 exist in every pipeline, §3); its
    /// pipeline is <c>values["pipeline"]</c>, else <paramref name="currentPipeline"/>, else the one pipeline that has the
    /// stage. List items go by <c>enum_id</c> (§4.4), dates as unix seconds. Names it cannot write are left out. The
    /// entity's <c>id</c> is not in it: the command adds it.
    /// </summary>
    public JObject ToUpdate(string entity, IReadOnlyDictionary<string, object?> values, string? currentPipeline = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var body = new JObject();
        var crmEntity = EnumNames.Parse<CrmEntity>(entity);
        var custom = new JArray();
        foreach (var (name, value) in values)
        {
            switch (name)
            {
                case SystemFields.Title or SystemFields.Name:
                    body["name"] = FieldValues.Text(value) ?? string.Empty;
                    continue;
                case SystemFields.Responsible when TryId(FieldValues.Text(value), out var user):
                    body["responsible_user_id"] = user;
                    continue;
                case SystemFields.Amount when crmEntity == CrmEntity.Deal:
                    // amoCRM keeps a lead's price in whole units.
                    body["price"] = FieldValues.Money(value) is { } price ? (long)decimal.Round(price, MidpointRounding.AwayFromZero) : 0;
                    continue;
                case SystemFields.Stage when crmEntity == CrmEntity.Deal:
                    var pipeline = values.GetValueOrDefault(SystemFields.Pipeline) as string ?? currentPipeline ?? OnlyPipelineWith(FieldValues.Text(value));
                    if (pipeline is not null && FieldValues.Text(value) is { } code && StageId(pipeline, code) is { } stageId)
                    {
                        var (pipelineId, statusId) = AmoCrmNames.ParseStageId(stageId);
                        body["pipeline_id"] = pipelineId;
                        body["status_id"] = statusId;
                    }

                    continue;
            }

            if (crmEntity == CrmEntity.Deal && name == ReasonField)
            {
                if (FieldValues.Text(value) is { Length: > 0 } reason && _reasonIds.TryGetValue(reason, out var reasonId))
                {
                    body["loss_reason_id"] = reasonId;
                }

                continue;
            }

            if (crmEntity is not { } known || _template.Fields.Find(known, name) is not { } definition || FieldId(known, definition.Code) is not { } fieldId)
            {
                continue;
            }

            custom.Add(new JObject { ["field_id"] = fieldId, ["values"] = Write(known, definition, fieldId, value) });
        }

        if (custom.Count > 0)
        {
            body["custom_fields_values"] = custom;
        }

        return body;
    }

    /// <summary>How a person reads a value of <paramref name="field"/>: list item names instead of codes (for texts and notes).</summary>
    public string Display(string entity, string field, object? value)
    {
        // A linked item's field (contact.GENDER) is read with that entity's definition.
        if (field.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            (entity, field) = (field[..dot], field[(dot + 1)..]);
        }

        var definition = EnumNames.Parse<CrmEntity>(entity) is { } crmEntity ? _template.Fields.Find(crmEntity, field) : null;
        string One(object? v) => definition?.Items.FirstOrDefault(i => i.Code == FieldValues.Text(v))?.Name.Get() ?? FieldValues.Text(v) ?? string.Empty;
        return value is IEnumerable list && value is not string ? string.Join(", ", list.Cast<object?>().Select(One)) : One(value);
    }

    /// <summary>
    /// The account's stage id (<c>"pipeline:status"</c>, <see cref="AmoCrmNames.StageId"/>) of a template stage. A
    /// pipeline's success and failure stages are 142 and 143 there even when the ledger did not record them.
    /// </summary>
    public string? StageId(string pipelineKey, string stageCode)
    {
        if (_stageIds.GetValueOrDefault($"{pipelineKey}/{stageCode}") is { } known)
        {
            return known;
        }

        var stage = _template.FindFlow(pipelineKey)?.Stages.FirstOrDefault(s => s.Code == stageCode);
        return stage is null || PipelineId(pipelineKey) is not { } pipeline ? null : stage.Semantics switch
        {
            StageSemantics.Success => AmoCrmNames.StageId(pipeline, AmoCrmNames.Won),
            StageSemantics.Failure => AmoCrmNames.StageId(pipeline, AmoCrmNames.Lost),
            _ => null,
        };
    }

    /// <summary>The account's id of a template pipeline, when the ledger knows it.</summary>
    public long? PipelineId(string pipelineKey) => _pipelineIds.TryGetValue(pipelineKey, out var id) ? id : null;

    /// <summary>
    /// The body of a <c>POST /api/v4/leads</c> that copies <paramref name="rawLead"/> into a stage of another pipeline:
    /// name, price, responsible, tags, the linked contacts and company (links are taken on creation only, §6.2) and, with
    /// <paramref name="copyFields"/>, the custom field values as amoCRM accepts them back (list items by <c>enum_id</c>,
    /// phones with their <c>enum_code</c>; files and catalog links left out). The loss reason is not copied: the copy
    /// starts over.
    /// </summary>
    public static JObject CopyOf(JObject rawLead, long pipelineId, long statusId, bool copyFields)
    {
        ArgumentNullException.ThrowIfNull(rawLead);
        var body = new JObject
        {
            ["name"] = rawLead["name"]?.DeepClone() ?? string.Empty,
            ["pipeline_id"] = pipelineId,
            ["status_id"] = statusId,
        };
        CopyIf(rawLead, body, "price");
        CopyIf(rawLead, body, "responsible_user_id");
        if (copyFields && rawLead["custom_fields_values"] is JArray values)
        {
            var writable = new JArray(values.OfType<JObject>()
                .Where(v => v["field_id"] is not null && !NotCopied.Contains(v.Value<string>("field_type") ?? string.Empty) && v["values"] is JArray { Count: > 0 })
                .Select(v => new JObject { ["field_id"] = v["field_id"]!.DeepClone(), ["values"] = new JArray(((JArray)v["values"]!).OfType<JObject>().Select(WritableValue)) }));
            if (writable.Count > 0)
            {
                body["custom_fields_values"] = writable;
            }
        }

        var embedded = new JObject();
        if (rawLead["_embedded"]?["tags"] is JArray { Count: > 0 } tags)
        {
            // By name, which amoCRM matches to the account's tag of that name (an id alone is not taken everywhere).
            embedded["tags"] = new JArray(tags.OfType<JObject>().Where(t => t.Value<string>("name") is { Length: > 0 }).Select(t => new JObject { ["name"] = t["name"]!.DeepClone() }));
        }

        var contacts = ContactIds(rawLead);
        if (contacts.Count > 0)
        {
            embedded["contacts"] = new JArray(contacts.Select((c, i) => new JObject { ["id"] = c, ["is_main"] = i == 0 }));
        }

        if (CompanyId(rawLead) is { } company)
        {
            embedded["companies"] = new JArray(new JObject { ["id"] = company });
        }

        if (embedded.Count > 0)
        {
            body["_embedded"] = embedded;
        }

        return body;
    }

    private void ReadLead(JObject raw, Dictionary<string, object?> fields)
    {
        var pipelineId = raw.Value<long?>("pipeline_id");
        var statusId = raw.Value<long?>("status_id");
        var pipeline = pipelineId is { } p ? _pipelineKeys.GetValueOrDefault(p) : null;
        fields[BuiltInFields.Pipeline] = pipeline;
        string? stage = null;
        if (pipelineId is { } pid && statusId is { } sid)
        {
            var stageId = AmoCrmNames.StageId(pid, sid);

            // 142 and 143 are the template's success and failure stages in each pipeline (amocrm-api.md §3); a status
            // the ledger does not know keeps its account id, so a move between two such statuses is still a change.
            stage = _stageById.GetValueOrDefault(stageId) ?? sid switch
            {
                AmoCrmNames.Won => Stage(pipeline, StageSemantics.Success),
                AmoCrmNames.Lost => Stage(pipeline, StageSemantics.Failure),
                _ => null,
            } ?? stageId;
        }

        fields[BuiltInFields.Stage] = stage;
        fields[BuiltInFields.StageSemantics] = _template.FindFlow(pipeline)?.Stages.FirstOrDefault(s => s.Code == stage) is { } known ? EnumNames.Of(known.Semantics) : null;

        // amoCRM reports no "moved at" for a lead; a closed lead's closed_at is the moment it entered 142/143. For open
        // stages it is unknown here (the events API would cost a request per lead).
        fields[BuiltInFields.StageChangedAt] = statusId is AmoCrmNames.Won or AmoCrmNames.Lost ? Instant(raw["closed_at"]) : null;
        fields[BuiltInFields.Title] = raw.Value<string>("name");
        fields[BuiltInFields.Amount] = FieldValues.Number(Text(raw["price"]));
        fields[SystemFields.Source] = Text(raw["source_id"]);
        if (ReasonField is { } reasonField)
        {
            fields[reasonField] = Reason(raw);
        }
    }

    /// <summary>The template code of the lead's loss reason: by id through the ledger, else by its name among the items.</summary>
    private string? Reason(JObject raw)
    {
        var embedded = (raw["_embedded"]?["loss_reason"] as JArray)?.OfType<JObject>().FirstOrDefault();
        var id = raw.Value<long?>("loss_reason_id") ?? embedded?.Value<long?>("id");
        if (id is null or 0)
        {
            return null;
        }

        if (_reasonCodes.TryGetValue(id.Value, out var code))
        {
            return code;
        }

        var name = embedded?.Value<string>("name");
        return _template.Fields.Find(CrmEntity.Deal, ReasonField!)?.Items.FirstOrDefault(i => name is not null && i.Name.Values.Values.Contains(name, StringComparer.Ordinal))?.Code
            ?? AmoCrmNames.Id(id.Value);
    }

    private string? Stage(string? pipeline, StageSemantics semantics) =>
        _template.FindFlow(pipeline)?.Stages.FirstOrDefault(s => s.Semantics == semantics)?.Code;

    private string? OnlyPipelineWith(string? stageCode)
    {
        var pipelines = _template.Pipelines.Where(p => p.Stages.Any(s => s.Code == stageCode)).Take(2).ToList();
        return pipelines.Count == 1 ? pipelines[0].Key : null;
    }

    private long? FieldId(CrmEntity entity, string code) =>
        _fieldIds.TryGetValue((entity, code), out var id) ? id
        : AmoCrmNames.Entity(entity) is { } amo ? _lists.FieldId(amo, code)
        : null;

    private object? Read(FieldDefinition field, long? fieldId, JArray? values)
    {
        var present = (values ?? []).OfType<JObject>().ToList();
        if (present.Count == 0)
        {
            return null;
        }

        if (field.IsList)
        {
            var codes = present.Select(v => ItemCode(field, fieldId, v)).OfType<string>().ToList();
            return field.Type == FieldType.MultiList ? codes : codes.FirstOrDefault();
        }

        var read = present.Select(v => ReadOne(field, v["value"])).Where(v => v is not null).ToList();
        return field.Multiple ? read : read.FirstOrDefault();
    }

    private object? ReadOne(FieldDefinition field, JToken? value)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.Date or FieldType.DateTime or FieldType.Birthday => Instant(value),
            FieldType.Integer or FieldType.Number or FieldType.Money => FieldValues.Number(Text(value)),
            FieldType.Boolean => value.Type == JTokenType.Boolean ? value.Value<bool>() : Text(value) is "1" or "true" or "Y",
            _ => Text(value),
        };
    }

    /// <summary>A list value's template code: by enum id (ledger, then the account's item text), else its text; null when neither is known.</summary>
    private string? ItemCode(FieldDefinition field, long? fieldId, JObject value)
    {
        var text = value.Value<string>("value");
        if (value.Value<long?>("enum_id") is { } enumId)
        {
            if (fieldId is { } f && _itemCodes.GetValueOrDefault(f)?.GetValueOrDefault(enumId) is { } code)
            {
                return code;
            }

            text ??= fieldId is { } id ? _lists.Value(id, enumId) : null;
            return ByName(field, text)?.Code ?? AmoCrmNames.Id(enumId);
        }

        return ByName(field, text)?.Code ?? text;
    }

    private static ListItem? ByName(FieldDefinition field, string? text) =>
        text is null ? null : field.Items.FirstOrDefault(i => i.Name.Values.Values.Contains(text, StringComparer.Ordinal));

    private JToken Write(CrmEntity entity, FieldDefinition field, long fieldId, object? value)
    {
        if (FieldValues.IsEmpty(value))
        {
            // values: null clears the field (amocrm-api.md §4.4).
            return JValue.CreateNull();
        }

        var items = value is IEnumerable list && value is not string ? list.Cast<object?>().ToList() : [value];
        if (field.IsList)
        {
            var ids = items.Select(v => EnumId(entity, field, fieldId, FieldValues.Text(v))).OfType<long>().Distinct().ToList();
            return ids.Count == 0 ? JValue.CreateNull() : new JArray(ids.Select(id => new JObject { ["enum_id"] = id }));
        }

        var written = items.Select(v => WriteOne(field, v)).Where(v => v is not null).ToList();
        return written.Count == 0 ? JValue.CreateNull() : new JArray(written.Select(v => new JObject { ["value"] = v }));
    }

    private JToken? WriteOne(FieldDefinition field, object? value) => field.Type switch
    {
        FieldType.Date or FieldType.Birthday => DateSeconds(value),
        FieldType.DateTime => value switch
        {
            DateTimeOffset at => at.ToUnixTimeSeconds(),
            _ when DateTimeOffset.TryParse(FieldValues.Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at.ToUnixTimeSeconds(),
            _ => null,
        },
        FieldType.Integer or FieldType.Number or FieldType.Money => FieldValues.Number(value) is { } n ? n : null,
        FieldType.Boolean => value is true || FieldValues.Text(value) is "1" or "true" or "Y",
        _ => FieldValues.Text(value),
    };

    /// <summary>A date as the unix second of its midnight in the account's zone (what amoCRM stores); an instant as is.</summary>
    private JToken? DateSeconds(object? value)
    {
        var text = FieldValues.Text(value);
        if (value is DateOnly day || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight)).ToUnixTimeSeconds();
        }

        return value is DateTimeOffset at ? at.ToUnixTimeSeconds()
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.ToUnixTimeSeconds()
            : null;
    }

    private long? EnumId(CrmEntity entity, FieldDefinition field, long fieldId, string? code)
    {
        if (code is null)
        {
            return null;
        }

        if (_itemIds.TryGetValue((entity, field.Code, code), out var id))
        {
            return id;
        }

        var item = field.Items.FirstOrDefault(i => i.Code == code);
        return item?.Name.Values.Values.Select(name => _lists.EnumId(fieldId, name)).FirstOrDefault(e => e is not null);
    }

    /// <summary>Unix seconds (or an ISO text) as ISO-8601 with the account's offset.</summary>
    private string? Instant(JToken? value)
    {
        DateTimeOffset at;
        if (value is JValue { Type: JTokenType.Integer or JTokenType.Float } number)
        {
            at = DateTimeOffset.FromUnixTimeSeconds(number.Value<long>());
        }
        else if (!DateTimeOffset.TryParse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            return long.TryParse(Text(value), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? Instant(seconds) : null;
        }

        return TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static string? Multitext(JObject raw, string code) =>
        (raw["custom_fields_values"] as JArray)?.OfType<JObject>()
            .FirstOrDefault(v => v.Value<string>("field_code") == code)?["values"]?.OfType<JObject>()
            .Select(v => v.Value<string>("value"))
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static JObject WritableValue(JObject value)
    {
        if (value["enum_id"] is JValue { Type: JTokenType.Integer } enumId && value["enum_code"] is null)
        {
            return new JObject { ["enum_id"] = enumId.DeepClone() };
        }

        var written = new JObject { ["value"] = value["value"]?.DeepClone() };
        if (value["enum_code"] is JValue { Type: JTokenType.String } code)
        {
            written["enum_code"] = code.DeepClone();
        }

        return written;
    }

    private static void CopyIf(JObject from, JObject to, string name)
    {
        if (from[name] is { Type: not JTokenType.Null } value)
        {
            to[name] = value.DeepClone();
        }
    }

    private static string? Text(JToken? value) => value switch
    {
        null => null,
        JValue { Value: null } => null,
        JValue { Value: IFormattable f } => f.ToString(null, CultureInfo.InvariantCulture),
        JValue v => v.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool TryId(string? text, out long id) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
