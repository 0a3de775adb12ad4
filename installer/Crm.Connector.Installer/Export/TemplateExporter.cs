using System.Text.RegularExpressions;
using Crm.Connector.Installer.Actual;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Export;

/// <summary>
/// A portal snapshot → a template that installs the same pipelines, stages, fields and sources. Planning it against
/// the same portal changes nothing: pipelines match by name, stages and fields by code, list items by code (or by name
/// where the portal gave them none). What a template cannot express is left out and listed in the notes.
/// </summary>
public static partial class TemplateExporter
{
    public static ExportResult Export(PortalSnapshot snapshot, CrmKind crm, string key, string portal)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var notes = new List<string>();
        LeadFunnel? funnel = null;
        var pipelines = new List<Pipeline>();
        foreach (var flow in snapshot.Flows)
        {
            var stages = flow.Stages.OrderBy(s => Rank(s.Semantics)).ThenBy(s => s.Sort).Select(s => ExportStage(s, flow, notes)).OfType<Stage>().ToList();
            if (flow.Entity == CrmEntity.Lead)
            {
                funnel = new LeadFunnel { Stages = stages };
            }
            else
            {
                pipelines.Add(new Pipeline
                {
                    Key = $"pipeline-{flow.Id}",
                    Name = LocalizedText.Plain(flow.Name),
                    Main = flow.IsDefault,
                    Stages = stages,
                });
            }
        }

        var fields = snapshot.Fields.GroupBy(f => f.Entity).ToDictionary(g => g.Key, g => g.Select(f => ExportField(f, notes)).OfType<FieldDefinition>().ToList());
        if (snapshot.Robots is { Count: > 0 })
        {
            notes.Add($"robots ({string.Join(", ", snapshot.Robots)}) are not exported: the portal lists only their codes, not what they run");
        }

        var template = new CrmTemplate
        {
            Schema = "../template.schema.json",
            Key = key,
            Version = "1.0.0",
            Crm = crm,
            Title = LocalizedText.Of($"Экспорт портала {portal}", $"Export of portal {portal}"),
            Description = LocalizedText.Of(
                $"Воронки, стадии, поля и источники, выгруженные с портала {portal}.",
                $"Pipelines, stages, fields and sources exported from portal {portal}."),
            Sources = [.. snapshot.Sources.Where(s => ValidCode().IsMatch(s.Code ?? string.Empty)).Select(s => new ListItem { Code = s.Code!, Name = LocalizedText.Plain(s.Name) })],
            LeadFunnel = funnel,
            Pipelines = pipelines,
            Fields = new EntityFields
            {
                Lead = fields.GetValueOrDefault(CrmEntity.Lead) ?? [],
                Deal = fields.GetValueOrDefault(CrmEntity.Deal) ?? [],
                Contact = fields.GetValueOrDefault(CrmEntity.Contact) ?? [],
                Company = fields.GetValueOrDefault(CrmEntity.Company) ?? [],
            },
        };
        return new ExportResult(template, notes);
    }

    private static Stage? ExportStage(ActualStage stage, ActualFlow flow, List<string> notes)
    {
        if (!ValidCode().IsMatch(stage.Code))
        {
            notes.Add($"stage {stage.RawCode} «{stage.Name}» of «{flow.Name}» is left out: its code cannot be a template code (A-Z, 0-9, _)");
            return null;
        }

        return new Stage
        {
            Code = stage.Code,
            Name = LocalizedText.Plain(stage.Name),
            Color = stage.Color is { Length: 7 } color && color[0] == '#' ? color.ToUpperInvariant() : null,
            Semantics = stage.Semantics,
        };
    }

    private static FieldDefinition? ExportField(ActualField field, List<string> notes)
    {
        if (field.Type is not { } type)
        {
            notes.Add($"field {field.RawName} is left out: its type {field.RawType} has no template equivalent");
            return null;
        }

        if (!ValidFieldCode().IsMatch(field.Code))
        {
            notes.Add($"field {field.RawName} is left out: its code cannot be a template code");
            return null;
        }

        var items = field.Items.Select(i => new ListItem
        {
            // Items the portal gave no code get one; the plan then matches them by name.
            Code = i.Code is { } code && ValidItemCode().IsMatch(code) ? code : "ITEM_" + i.Id,
            Name = LocalizedText.Plain(i.Name),
        }).ToList();
        return new FieldDefinition
        {
            Code = field.Code,
            Name = field.Name,
            Type = type,
            Multiple = field.Multiple && type is not (FieldType.MultiList or FieldType.Boolean or FieldType.List),
            Required = field.Mandatory,
            Items = items,
        };
    }

    private static int Rank(StageSemantics semantics) => semantics switch
    {
        StageSemantics.Process => 0,
        StageSemantics.Success => 1,
        _ => 2,
    };

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidCode();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_]{0,42}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidFieldCode();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidItemCode();
}
