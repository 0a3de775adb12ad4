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
            var stages = flow.Stages.OrderBy(s => Rank(s.Semantics)).ThenBy(s => s.Sort).Select(s => ExportStage(s, flow, crm, notes)).OfType<Stage>().ToList();
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

        // The CRM's own loss reasons (amoCRM) become the items of a deal list field that every pipeline names as its
        // reason field: applied back, that field is realised as the same loss reasons.
        if (snapshot.LossReasons is { Count: > 0 } reasons)
        {
            var deal = fields.GetValueOrDefault(CrmEntity.Deal) ?? [];
            var code = deal.Any(f => f.Code == LossReasonField) ? LossReasonField + "_EXPORTED" : LossReasonField;
            deal.Add(new FieldDefinition
            {
                Code = code,
                Name = LocalizedText.Of("Причина отказа", "Loss reason"),
                Type = FieldType.List,
                Items = [.. reasons.Select(r => new ListItem { Code = "REASON_" + r.Id, Name = LocalizedText.Plain(r.Name) })],
            });
            fields[CrmEntity.Deal] = deal;
            pipelines = [.. pipelines.Select(p => p with { ReasonField = code })];
        }
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
            Roles = [.. (snapshot.Roles ?? []).Select(r => new Role { Key = $"role-{r.Id}", Name = LocalizedText.Plain(r.Name), Rights = r.Rights })],
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

    private const string LossReasonField = "LOSS_REASON";

    private static Stage? ExportStage(ActualStage stage, ActualFlow flow, CrmKind crm, List<string> notes)
    {
        // A CRM whose stages have no codes (amoCRM): the template gets one, and the plan matches the stage by name.
        var code = stage.Code.Length > 0 ? stage.Code : stage.Semantics switch
        {
            StageSemantics.Success => "WON",
            StageSemantics.Failure => "LOST",
            _ => "STAGE_" + stage.Id[(stage.Id.LastIndexOf(':') + 1)..],
        };
        if (!ValidCode().IsMatch(code))
        {
            notes.Add($"stage {stage.RawCode} «{stage.Name}» of «{flow.Name}» is left out: its code cannot be a template code (A-Z, 0-9, _)");
            return null;
        }

        return new Stage
        {
            Code = code,
            Name = LocalizedText.Plain(stage.Name),
            Color = ExportColor(stage, crm, flow, notes),
            Semantics = stage.Semantics,
        };
    }

    /// <summary>
    /// A stage's colour as a template may say it: amoCRM's stock stages carry colours an API client may not choose (only
    /// 21 are accepted); those are left out, so planning the export back leaves them as they are.
    /// </summary>
    private static string? ExportColor(ActualStage stage, CrmKind crm, ActualFlow flow, List<string> notes)
    {
        if (stage.Color is not { Length: 7 } color || color[0] != '#')
        {
            return null;
        }

        if (crm == CrmKind.AmoCrm && !AmoCrmStageColors.Allowed.Contains(color))
        {
            notes.Add($"stage «{stage.Name}» of «{flow.Name}»: its colour {color} is not one amoCRM lets an integration choose; left out");
            return null;
        }

        return crm == CrmKind.AmoCrm ? color.ToLowerInvariant() : color.ToUpperInvariant();
    }

    private static FieldDefinition? ExportField(ActualField field, List<string> notes)
    {
        if (field.Type is not { } type)
        {
            notes.Add($"field {field.RawName} is left out: its type {field.RawType} has no template equivalent");
            return null;
        }

        // A field the CRM holds without a code (made by hand in amoCRM) gets one; the plan matches it by name.
        var code = field.Code.Length > 0 ? field.Code : "FIELD_" + field.Id;
        if (!ValidFieldCode().IsMatch(code))
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
            Code = code,
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
