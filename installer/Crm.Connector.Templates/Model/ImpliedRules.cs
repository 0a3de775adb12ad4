namespace Crm.Connector.Templates.Model;

/// <summary>What an implied rule enforces.</summary>
public enum ImpliedRuleKind
{
    /// <summary>A field required from a stage on (<see cref="FieldDefinition.RequiredFrom"/>).</summary>
    RequiredFrom,

    /// <summary>A field that never changes once set (<see cref="FieldDefinition.SetOnce"/>).</summary>
    SetOnce,

    /// <summary>A stage whose reason must be one of its own (<see cref="Stage.Reasons"/> of the flow's reason field).</summary>
    Reason,
}

/// <summary>
/// A rule a template implies without writing it as an automation, which the app enforces (Bitrix24 REST cannot configure
/// any of them): <paramref name="Key"/> is the same in the installer's plan ("run by the app") and in the app's runtime,
/// so what the plan promises is exactly what runs.
/// </summary>
/// <param name="Key">The automation key, e.g. <c>required/new-client/PASSPORT</c>, <c>set-once/lead/REGISTRAR</c>, <c>reasons/leads/WAITING</c>.</param>
/// <param name="Kind">What it enforces.</param>
/// <param name="Entity">The entity whose items it concerns.</param>
/// <param name="FlowKey">The flow (pipeline key or <see cref="LeadFunnel.Key"/>); null for <see cref="ImpliedRuleKind.SetOnce"/>.</param>
/// <param name="Field">The field it concerns.</param>
/// <param name="Stages">The stages on entering which the field is checked (empty for set-once).</param>
/// <param name="Allowed">For a reason: the item codes the stage allows; empty = any non-blank value.</param>
/// <param name="FromStage">For a required-from rule: the stage named in the template.</param>
public sealed record ImpliedRule(string Key, ImpliedRuleKind Kind, CrmEntity Entity, string? FlowKey, string Field, IReadOnlyList<string> Stages, IReadOnlyList<string> Allowed, string? FromStage);

/// <summary>The rules a template implies: fields required from a stage on, set-once fields, reasons required on a stage.</summary>
public static class ImpliedRules
{
    /// <summary>
    /// Every implied rule of <paramref name="template"/>. A field required from a stage is required there and in every
    /// later in-progress or success stage of the same flow — not in failure stages (an item may be lost at any point),
    /// unless the named stage is itself one. References that do not resolve are left out (the validator reports them).
    /// </summary>
    public static IReadOnlyList<ImpliedRule> Of(CrmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var rules = new List<ImpliedRule>();
        foreach (var (entity, field) in template.Fields.All)
        {
            foreach (var group in field.RequiredFrom.GroupBy(r => r.FlowKey(entity), StringComparer.Ordinal))
            {
                if (template.FindFlow(group.Key) is not { } flow || flow.Entity != entity)
                {
                    continue;
                }

                var stages = new List<string>();
                foreach (var from in group)
                {
                    var index = IndexOf(flow, from.Stage);
                    if (index < 0)
                    {
                        continue;
                    }

                    stages.AddRange(flow.Stages.Skip(index)
                        .Where((s, i) => i == 0 || s.Semantics != StageSemantics.Failure)
                        .Select(s => s.Code)
                        .Where(c => !stages.Contains(c, StringComparer.Ordinal)));
                }

                if (stages.Count > 0)
                {
                    rules.Add(new ImpliedRule($"required/{group.Key}/{field.Code}", ImpliedRuleKind.RequiredFrom, entity, group.Key, field.Code, stages, [], group.First().Stage));
                }
            }

            if (field.SetOnce)
            {
                rules.Add(new ImpliedRule($"set-once/{Serialization.EnumNames.Of(entity)}/{field.Code}", ImpliedRuleKind.SetOnce, entity, null, field.Code, [], [], null));
            }
        }

        foreach (var flow in template.Flows.Where(f => f.ReasonField is not null))
        {
            foreach (var stage in flow.Stages.Where(s => s.Reasons.Count > 0))
            {
                rules.Add(new ImpliedRule($"reasons/{flow.FlowKey}/{stage.Code}", ImpliedRuleKind.Reason, flow.Entity, flow.FlowKey, flow.ReasonField!, [stage.Code], stage.Reasons, stage.Code));
            }
        }

        return rules;
    }

    private static int IndexOf(StageFlow flow, string code)
    {
        for (var i = 0; i < flow.Stages.Count; i++)
        {
            if (string.Equals(flow.Stages[i].Code, code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
