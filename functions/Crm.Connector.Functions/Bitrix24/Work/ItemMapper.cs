using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Installer;
using Crm.Connector.Installer.Bitrix24;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// Translates between a Bitrix24 item (<c>crm.deal.get</c>: <c>STAGE_ID</c> <c>C3:CONTRACT</c>, <c>UF_CRM_TEST_RULES</c>)
/// and the rules' view of it (<c>stage</c> <c>CONTRACT</c>, <c>pipeline</c> <c>new-client</c>, <c>TEST_RULES</c>), using
/// the template for field types and the ledger for which portal pipeline and stage is which.
/// </summary>
public sealed class ItemMapper : Crm.Connector.Functions.Work.IItemMapper
{
    private readonly CrmTemplate _template;
    private readonly Dictionary<string, string> _pipelineKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stageCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pipelineIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _statusIds = new(StringComparer.Ordinal);

    private readonly PortalListItems _lists;

    public ItemMapper(CrmTemplate template, ProvisioningLedger ledger, PortalListItems? lists = null)
    {
        _lists = lists ?? PortalListItems.Empty;
        ArgumentNullException.ThrowIfNull(ledger);
        _template = template ?? throw new ArgumentNullException(nameof(template));
        foreach (var (key, entry) in ledger.Of(ResourceKind.Pipeline))
        {
            if (entry.PortalId.Length > 0)
            {
                _pipelineKeys[entry.PortalId] = key.Path;
                _pipelineIds[key.Path] = entry.PortalId;
            }
        }

        foreach (var (key, entry) in ledger.Of(ResourceKind.Stage))
        {
            var slash = key.Path.LastIndexOf('/');
            if (entry.Code is { Length: > 0 } code && slash > 0)
            {
                _stageCodes[code] = key.Path[(slash + 1)..];
                _statusIds[key.Path] = code;
            }
        }
    }

    public CrmTemplate Template => _template;

    /// <summary>The rules' view of a Bitrix24 item of <paramref name="entity"/> (<c>deal</c>, <c>lead</c>).</summary>
    public ItemState ToState(string entity, long id, JObject raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        var status = raw.Value<string>(entity == "lead" ? "STATUS_ID" : "STAGE_ID");
        if (entity == "deal")
        {
            var category = raw.Value<string>("CATEGORY_ID") ?? "0";
            fields[BuiltInFields.Pipeline] = _pipelineKeys.GetValueOrDefault(category);
        }

        if (status is not null)
        {
            fields[BuiltInFields.Stage] = _stageCodes.GetValueOrDefault(status) ?? SuccessStage(entity, fields.GetValueOrDefault(BuiltInFields.Pipeline) as string, status, raw) ?? Bitrix24Names.StageCode(status);

            // When the item entered that stage (crm.deal.fields / crm.lead.fields: MOVED_TIME, read-only datetime).
            fields[BuiltInFields.StageChangedAt] = raw.Value<string>("MOVED_TIME");
        }

        fields[BuiltInFields.StageSemantics] = Semantics(entity == "lead" ? LeadFunnel.Key : fields.GetValueOrDefault(BuiltInFields.Pipeline) as string, fields.GetValueOrDefault(BuiltInFields.Stage) as string);
        fields[BuiltInFields.Modified] = raw.Value<string>("DATE_MODIFY");
        fields[BuiltInFields.Title] = raw.Value<string>("TITLE");
        fields[BuiltInFields.Amount] = FieldValues.Number(raw.Value<string>("OPPORTUNITY"));
        fields[BuiltInFields.Responsible] = raw.Value<string>("ASSIGNED_BY_ID");
        fields[SystemFields.Id] = ItemMapper.Id(id);
        fields[SystemFields.CreatedBy] = raw.Value<string>("CREATED_BY_ID");
        fields[SystemFields.CreatedAt] = raw.Value<string>("DATE_CREATE");
        fields[SystemFields.Source] = raw.Value<string>("SOURCE_ID") is { Length: > 0 } source ? source : null;
        fields[SystemFields.Name] = string.Join(' ', new[] { raw.Value<string>("NAME"), raw.Value<string>("LAST_NAME") }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : null;
        fields[SystemFields.Phone] = (raw["PHONE"] as JArray)?.FirstOrDefault()?.Value<string>("VALUE");
        fields[SystemFields.Email] = (raw["EMAIL"] as JArray)?.FirstOrDefault()?.Value<string>("VALUE");
        if (Entity(entity) is { } crmEntity)
        {
            foreach (var field in _template.Fields.For(crmEntity))
            {
                fields[field.Code] = Read(entity, field, raw["UF_CRM_" + field.Code]);
            }
        }

        return new ItemState(entity, id, fields);
    }

    /// <summary>The <c>fields</c> of a <c>crm.{entity}.update</c> setting <paramref name="values"/> (template names); names it cannot write are left out.</summary>
    public JObject ToUpdate(string entity, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var fields = new JObject();
        var crmEntity = Entity(entity);
        foreach (var (name, value) in values)
        {
            // The built-in fields an automation may write (SystemFields.Writable).
            var system = name switch
            {
                SystemFields.Title => "TITLE",
                SystemFields.Responsible => "ASSIGNED_BY_ID",
                SystemFields.Amount => "OPPORTUNITY",
                SystemFields.Source => "SOURCE_ID",
                _ => null,
            };
            if (system is not null)
            {
                fields[system] = FieldValues.Text(value) ?? string.Empty;
                continue;
            }

            var definition = crmEntity is null ? null : _template.Fields.Find(crmEntity.Value, name);
            if (definition is null)
            {
                continue;
            }

            fields["UF_CRM_" + definition.Code] = Write(entity, definition, value);
        }

        return fields;
    }

    /// <summary>The portal's id of a template pipeline (<c>CATEGORY_ID</c>), when the ledger knows it.</summary>
    public string? PipelineId(string pipelineKey) => _pipelineIds.GetValueOrDefault(pipelineKey);

    /// <summary>The portal's <c>STATUS_ID</c> / <c>STAGE_ID</c> of a template stage in a flow (pipeline key, or <c>leads</c>).</summary>
    /// A stage the app did not create (a portal default the template kept, e.g. the lead status <c>JUNK</c>) is not in the
    /// ledger; its id follows Bitrix24's rule: the code itself in the lead funnel and pipeline 0, <c>C{id}:</c> before it elsewhere.
    public string? StatusId(string flowKey, string stageCode)
    {
        if (_statusIds.GetValueOrDefault($"{flowKey}/{stageCode}") is { } known)
        {
            return known;
        }

        if (_template.FindFlow(flowKey)?.Stages.Any(s => s.Code == stageCode) != true)
        {
            return null;
        }

        return flowKey == LeadFunnel.Key ? stageCode
            : PipelineId(flowKey) is { } category ? (category == "0" ? stageCode : $"C{category}:{stageCode}")
            : null;
    }

    /// <summary>
    /// A flow has exactly one success stage: a portal status the ledger does not know (the portal's own success status
    /// kept under its code, e.g. the lead status <c>CONVERTED</c> where the template calls it <c>ENROLLED</c>) that the
    /// item reports as success (<c>STATUS_SEMANTIC_ID</c> / <c>STAGE_SEMANTIC_ID</c> <c>S</c>) is the template's success stage.
    /// </summary>
    private string? SuccessStage(string entity, string? pipeline, string status, JObject raw)
    {
        if (raw.Value<string>(entity == "lead" ? "STATUS_SEMANTIC_ID" : "STAGE_SEMANTIC_ID") != "S")
        {
            return null;
        }

        var flow = _template.FindFlow(entity == "lead" ? LeadFunnel.Key : pipeline);
        return flow is null || flow.Stages.Any(s => s.Code == Bitrix24Names.StageCode(status))
            ? null
            : flow.Stages.FirstOrDefault(s => s.Semantics == StageSemantics.Success)?.Code;
    }

    /// <summary><c>process</c>, <c>success</c> or <c>failure</c>: what the template says the stage means (automation conditions use it).</summary>
    private string? Semantics(string? flowKey, string? stageCode) =>
        _template.Flows.FirstOrDefault(f => f.FlowKey == flowKey)?.Stages.FirstOrDefault(s => s.Code == stageCode) is { } stage
            ? EnumNames.Of(stage.Semantics)
            : null;

    /// <summary>The raw Bitrix24 field a template name is kept in (for applying our own writes to the snapshot).</summary>
    public static string RawName(string name) => "UF_CRM_" + name;

    private object? Read(string entity, FieldDefinition field, JToken? value)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            return null;
        }

        if (value is JArray values && field.Type is not FieldType.List and not FieldType.MultiList)
        {
            return values.Select(v => Read(entity, field, v)).Where(v => v is not null).ToList();
        }

        switch (field.Type)
        {
            case FieldType.List or FieldType.MultiList:
                // The portal holds item ids; rules and templates speak in item codes (an id it does not know stays as it is).
                string Code(JToken id) => _lists.Code(entity, RawName(field.Code), id.ToString()) ?? id.ToString();
                return value switch
                {
                    JArray list => list.Where(v => v.ToString().Length > 0).Select(Code).ToList(),
                    _ when value.ToString().Length == 0 => null,
                    _ => field.Type == FieldType.MultiList ? new List<string> { Code(value) } : Code(value),
                };
            case FieldType.Boolean:
                var text = value.ToString();
                return text is "1" or "Y" or "true" or "True" ? true : text is "0" or "N" or "false" or "False" ? false : null;
            case FieldType.Integer:
            case FieldType.Number:
            case FieldType.Money:
                // Money user fields read back as "100|RUB" (bitrix24-rest.md §8).
                return FieldValues.Money(value.ToString());
            default:
                return value switch
                {
                    JArray list => list.Select(v => v.ToString()).ToList(),
                    _ => value.ToString(),
                };
        }
    }

    private JToken Write(string entity, FieldDefinition field, object? value) => field.Type switch
    {
        FieldType.List or FieldType.MultiList when value is System.Collections.IEnumerable list && value is not string =>
            new JArray(list.Cast<object?>().Select(v => ListId(entity, field, v))),
        FieldType.List or FieldType.MultiList => ListId(entity, field, value),
        FieldType.Boolean => value is true ? 1 : 0,
        _ when value is null => string.Empty,
        FieldType.Integer or FieldType.Number or FieldType.Money when FieldValues.Number(value) is { } n => n,
        _ => FieldValues.Text(value) ?? string.Empty,
    };

    private string ListId(string entity, FieldDefinition field, object? value) =>
        FieldValues.Text(value) is { Length: > 0 } code ? _lists.Id(entity, RawName(field.Code), code) ?? code : string.Empty;

    /// <summary>How a person reads a value of <paramref name="field"/>: list item names instead of codes.</summary>
    public string Display(string entity, string field, object? value)
    {
        // A linked item's field (contact.CLIENT_KIND) is read with that entity's definition.
        if (field.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            (entity, field) = (field[..dot], field[(dot + 1)..]);
        }

        var definition = Entity(entity) is { } crmEntity ? _template.Fields.Find(crmEntity, field) : null;
        string One(object? v) => definition?.Items.FirstOrDefault(i => i.Code == FieldValues.Text(v))?.Name.Get() ?? FieldValues.Text(v) ?? string.Empty;
        return value is System.Collections.IEnumerable list && value is not string ? string.Join(", ", list.Cast<object?>().Select(One)) : One(value);
    }

    private static CrmEntity? Entity(string entity) => EnumNames.Parse<CrmEntity>(entity);

    /// <summary>An id as the CRM writes it.</summary>
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
