using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Desired;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Planning;

/// <summary>
/// Desired state + portal snapshot + ledger → steps. Pure: no I/O, same answer for the same inputs.
/// Matching: pipelines by ledger, then by name; stages by ledger, then by code; fields by ledger, then by code; list
/// items and sources by code; robots by code; event handlers by (event, handler). What exists but is not ours is left
/// alone unless identical (unchanged) or adopted with consent; what is ours and no longer wanted is removed only with
/// consent; nothing else is ever deleted or renamed.
/// </summary>
public static class Planner
{
    public static ProvisioningPlan Plan(DesiredState desired, PortalSnapshot snapshot, ProvisioningLedger ledger, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        var steps = new List<PlanStep>();
        var context = new Context(desired, snapshot, ledger, options);
        foreach (var flow in desired.Flows)
        {
            steps.AddRange(flow.IsLeadFunnel ? PlanLeadFunnel(context, flow) : PlanPipeline(context, flow));
        }

        steps.AddRange(desired.Fields.Select(field => PlanField(context, field)));
        steps.AddRange(desired.Sources.Select(source => PlanSource(context, source)));
        steps.AddRange(desired.LossReasons.Select(reason => PlanLossReason(context, reason)));
        steps.AddRange(desired.Roles.Select(role => PlanRole(context, role)));
        steps.AddRange(desired.Robots.Select(robot => PlanRobot(context, robot)));
        steps.AddRange(desired.Placements.Select(placement => PlanPlacement(context, placement)));
        steps.AddRange(desired.Events.Select(binding => PlanEvent(context, binding)));
        steps.AddRange(desired.Automations.Select(automation => new AutomationStep
        {
            Key = automation.Key,
            Action = StepAction.RunByApp,
            Group = "Automations (run by the app)",
            Title = automation.Name,
            Note = automation.Summary,
            Desired = automation,
        }));
        steps.AddRange(desired.Skipped.Select(part => new SkippedStep
        {
            Key = part.Key,
            Action = StepAction.Skipped,
            Group = "Not installed",
            Title = part.Title,
            Note = part.Reason,
            Part = part,
        }));
        steps.AddRange(PlanRemovals(context, steps));
        return new ProvisioningPlan(desired, snapshot, steps, options, context.Recovered);
    }

    private static IEnumerable<PlanStep> PlanLeadFunnel(Context context, DesiredFlow flow)
    {
        var actual = context.Snapshot.Flow(flow.FlowKey);
        return PlanStages(context, flow, actual, "Lead funnel", newFlow: false);
    }

    private static IEnumerable<PlanStep> PlanPipeline(Context context, DesiredFlow flow)
    {
        var group = $"Pipeline «{flow.Name}»";
        var (step, actual) = MatchPipeline(context, flow, group);
        yield return step;
        if (step.Action == StepAction.Conflict)
        {
            yield break;
        }

        // A pipeline the app created that still holds only the portal's default stages (an apply stopped between
        // creating it and shaping it) is shaped now, as if new.
        var reshape = step.Action == StepAction.Create || (actual is not null && IsUnshaped(context, flow, actual));
        foreach (var stage in PlanStages(context, flow, actual, group, newFlow: reshape))
        {
            yield return stage;
        }
    }

    private static bool IsUnshaped(Context context, DesiredFlow flow, ActualFlow actual) =>
        actual.Stages.Count > 0 &&
        context.Ledger.Get(flow.Key!) is { Origin: LedgerOrigin.Created or LedgerOrigin.Pending } &&
        flow.Stages.All(stage => context.Ledger.Get(stage.Key) is null);

    private static (FlowStep Step, ActualFlow? Actual) MatchPipeline(Context context, DesiredFlow flow, string group)
    {
        var key = flow.Key!;
        var title = $"pipeline «{flow.Name}»";
        var pipelines = context.Snapshot.Flows.Where(f => f.Entity == CrmEntity.Deal).ToList();
        var entry = context.Ledger.Get(key);

        FlowStep Step(StepAction action, ActualFlow? actual, string? note = null, IReadOnlyList<PropertyChange>? changes = null) => new()
        {
            Key = key,
            Action = action,
            Group = group,
            Title = title,
            Desired = flow,
            Actual = actual,
            PortalId = actual?.Id,
            Note = note,
            Changes = changes ?? [],
        };

        if (entry is { IsOurs: true })
        {
            var ours = pipelines.FirstOrDefault(p => p.Id == entry.PortalId);
            if (ours is null)
            {
                context.Owned.Add(key);
                return (Step(StepAction.Create, null, $"the pipeline this app created (id {entry.PortalId}) is gone from the portal; it will be created again"), null);
            }

            context.Owned.Add(key);
            return Renamed(ours) is { } rename ? (Step(StepAction.Update, ours, changes: [rename]), ours) : (Step(StepAction.Unchanged, ours), ours);
        }

        if (entry is { Origin: LedgerOrigin.Pending })
        {
            // An apply stopped right after sending the create: a pipeline with that name that did not exist before is ours.
            var known = entry.KnownBefore ?? [];
            var recovered = pipelines.Where(p => p.Name == entry.Name && !known.Contains(p.Id)).ToList();
            if (recovered.Count == 1)
            {
                context.Owned.Add(key);
                context.Recovered[key.ToString()] = recovered[0].Id;
                return (Step(StepAction.Unchanged, recovered[0], "created by the last, interrupted apply"), recovered[0]);
            }
        }

        var byName = pipelines.Where(p => p.Name == flow.Name).ToList();
        if (byName.Count > 1)
        {
            return (Step(StepAction.Conflict, null, $"{byName.Count} pipelines on the portal are named «{flow.Name}» (ids {string.Join(", ", byName.Select(p => p.Id))}); the app cannot tell which is meant. Rename all but one."), null);
        }

        if (byName.Count == 1)
        {
            var existing = byName[0];
            var differences = StageDifferences(flow, existing);
            if (differences.Count == 0)
            {
                return (Step(StepAction.Unchanged, existing, "exists (not created by the app)"), existing);
            }

            if (context.Options.Adopt)
            {
                context.Owned.Add(key);
                return (Step(StepAction.Adopt, existing, "taken over: missing stages are added, nothing is deleted", differences), existing);
            }

            return (Step(StepAction.Conflict, existing, $"a pipeline named «{flow.Name}» exists and was not created by the app. Re-run with --adopt to take it over (missing stages are added and stages renamed; nothing is deleted).", differences), null);
        }

        var capacity = context.Snapshot.MaxPipelines is { } max ? max - pipelines.Count - context.PipelinesToCreate : int.MaxValue;

        // Not room for every new pipeline: the main one goes into the portal's default pipeline, leaving room for the rest
        // (the seeds' smaller plans: "2 pipelines" means the main one plus one more).
        var mainIntoDefault = flow.Main && context.NewPipelinesNeeded > (context.Snapshot.MaxPipelines is { } limit ? limit - pipelines.Count : int.MaxValue);
        if (capacity > 0 && !mainIntoDefault)
        {
            context.PipelinesToCreate++;
            context.Owned.Add(key);
            return (Step(StepAction.Create, null), null);
        }

        var standard = pipelines.FirstOrDefault(p => p.IsDefault);
        if (flow.Main && standard is not null)
        {
            if (context.Options.Adopt)
            {
                context.Owned.Add(key);
                var changes = new List<PropertyChange> { new("name", standard.Name, flow.Name) };
                changes.AddRange(StageDifferences(flow, standard));
                return (Step(StepAction.Adopt, standard, $"the plan allows {context.Snapshot.MaxPipelines} pipeline(s): the main pipeline takes over the default one (its deals and stages are kept)", changes), standard);
            }

            return (Step(StepAction.Conflict, standard, $"the portal's plan allows {context.Snapshot.MaxPipelines} pipeline(s), too few for a new «{flow.Name}» beside the template's other pipelines; it can take over the default pipeline «{standard.Name}». Re-run with --adopt to rename it and add the template's stages (its deals and stages are kept)."), null);
        }

        return (Step(StepAction.Conflict, null, $"the portal's plan allows {context.Snapshot.MaxPipelines} pipeline(s) and has them all; remove one or upgrade the plan."), null);

        PropertyChange? Renamed(ActualFlow actual) => actual.Name == flow.Name ? null : new PropertyChange("name", actual.Name, flow.Name);
    }

    private static List<PropertyChange> StageDifferences(DesiredFlow flow, ActualFlow actual)
    {
        var changes = new List<PropertyChange>();
        foreach (var stage in flow.Stages)
        {
            var match = ByCodeOrName(actual, stage) ?? Outcome(flow, actual, stage);
            if (match is null)
            {
                changes.Add(new PropertyChange($"stage {stage.Code}", null, $"«{stage.Name}» (missing)"));
            }
            else if (match.Name != stage.Name && !match.IsUntouchedDefault)
            {
                // The CRM's own default stage under its first name is kept as it is (see PlanStages): not a difference.
                changes.Add(new PropertyChange($"stage {stage.Code}", match.Name, stage.Name));
            }
        }

        return changes;
    }

    /// <summary>A stage by its code; on a CRM whose stages have no codes (amoCRM), an in-progress stage by its name.</summary>
    private static ActualStage? ByCodeOrName(ActualFlow actual, DesiredStage stage) =>
        actual.Stages.FirstOrDefault(s => s.Code == stage.Code)
        ?? actual.Stages.FirstOrDefault(s => s.Code.Length == 0 && s.Semantics == StageSemantics.Process && stage.Semantics == StageSemantics.Process && s.Name == stage.Name);

    /// <summary>
    /// A flow has exactly one success stage: if the template's is not there by code, it can only be the one that is.
    /// Where the CRM makes the one failure stage itself and stages have no codes (amoCRM 143), the template's only
    /// failure stage is that one.
    /// </summary>
    private static ActualStage? Outcome(DesiredFlow flow, ActualFlow actual, DesiredStage stage) => stage.Semantics switch
    {
        StageSemantics.Success => actual.Stages.FirstOrDefault(s => s.Semantics == StageSemantics.Success),
        StageSemantics.Failure when flow.Stages.Count(s => s.Semantics == StageSemantics.Failure) == 1 &&
            actual.Stages.Where(s => s.Semantics == StageSemantics.Failure).ToList() is [{ Code.Length: 0 } only] => only,
        _ => null,
    };

    private static IEnumerable<PlanStep> PlanStages(Context context, DesiredFlow flow, ActualFlow? actual, string group, bool newFlow)
    {
        var flowOwned = flow.Key is not null && context.Owned.Contains(flow.Key);
        var matches = new ActualStage?[flow.Stages.Count];
        var ours = new bool[flow.Stages.Count];
        for (var i = 0; i < flow.Stages.Count; i++)
        {
            if (newFlow || actual is null)
            {
                continue;
            }

            var stage = flow.Stages[i];
            var entry = context.Ledger.Get(stage.Key);
            ActualStage? match = null;
            if (entry is { IsOurs: true } || entry is { Origin: LedgerOrigin.Pending, PortalId.Length: > 0 })
            {
                // Pending with an id: a default stage an interrupted apply was reshaping into this one.
                match = actual.Stages.FirstOrDefault(s => s.Id == entry.PortalId);
                ours[i] = match is not null;
                if (match is not null && entry.Origin == LedgerOrigin.Pending)
                {
                    context.Recovered[stage.Key.ToString()] = match.Id;
                }
            }

            if (match is null)
            {
                match = ByCodeOrName(actual, stage);
                ours[i] = match is not null && (entry is { IsOurs: true } || entry is { Origin: LedgerOrigin.Pending });
                if (match is not null && entry is { Origin: LedgerOrigin.Pending })
                {
                    context.Recovered[stage.Key.ToString()] = match.Id;
                }
            }

            matches[i] = match ?? Outcome(flow, actual, stage);
        }

        // Positions may be renumbered where the stages are ours, or are being adopted with the flow.
        var movable = ours.Select(o => o || (flowOwned && context.Options.Adopt)).ToArray();
        var sorts = SortAssigner.Assign(flow.Stages, matches, movable, actual?.Stages ?? [], newFlow);
        for (var i = 0; i < flow.Stages.Count; i++)
        {
            var stage = flow.Stages[i];
            var match = matches[i];
            if (match is not null)
            {
                context.StageIds[stage.Key] = match.Id;
            }

            var title = $"stage {stage.Code} «{stage.Name}»";
            StageStep Step(StepAction action, string? note = null, IReadOnlyList<PropertyChange>? changes = null, int? sort = null) => new()
            {
                Key = stage.Key,
                Action = action,
                Group = group,
                Title = title,
                Desired = stage,
                FlowKey = flow.FlowKey,
                Actual = match,
                InNewFlow = newFlow,
                PortalId = match?.Id,
                Note = note,
                Changes = changes ?? [],
                Sort = sort,
            };

            if (match is null)
            {
                yield return Step(StepAction.Create, sort: sorts[i]);
                continue;
            }

            if (match.Semantics != stage.Semantics)
            {
                yield return Step(StepAction.Conflict, $"stage {match.RawCode} exists as {Describe(match.Semantics)}, the template wants {Describe(stage.Semantics)}; a stage's meaning cannot be changed. Use another code.");
                continue;
            }

            var changes = new List<PropertyChange>();
            if (match.Name != stage.Name)
            {
                changes.Add(new PropertyChange("name", match.Name, stage.Name));
            }

            if (stage.Color is not null && !string.Equals(match.Color, stage.Color, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add(new PropertyChange("color", match.Color, stage.Color));
            }

            if (sorts[i] is { } sort && sort != match.Sort)
            {
                changes.Add(new PropertyChange("sort", match.Sort.ToString(System.Globalization.CultureInfo.InvariantCulture), sort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (changes.Count == 0)
            {
                yield return Step(StepAction.Unchanged, ours[i] ? null : "exists (not created by the app)");
            }
            else if (ours[i])
            {
                yield return Step(StepAction.Update, changes: changes, sort: sorts[i]);
            }
            else if (context.Options.Adopt)
            {
                yield return Step(StepAction.Adopt, "taken over", changes, sorts[i]);
            }
            else
            {
                var visible = changes.Where(c => c.Property != "sort").ToList();
                if (visible.Count == 0)
                {
                    // Only the position differs, on a stage that is not ours: leave it where the admin put it.
                    yield return Step(StepAction.Unchanged, "exists (not created by the app); its position is left as it is");
                }
                else if (match.IsUntouchedDefault)
                {
                    // The portal's own default stage (every new portal has lead status NEW «Не обработан»; the same holds for
                    // its default sources, PlanSource), never renamed,
                    // with the code and meaning the template wants: the template's stage is there, only worded otherwise.
                    // Calling that a conflict made the very first apply to an empty portal — or to a sandbox, where --adopt
                    // cannot be acted on once the command has ended — end with an error-looking line nobody can fix. It is
                    // not rewritten either: the app renames nothing it did not create (an untouched name is still the
                    // portal's, and its users know the stage by it), so it is kept as it is, and --adopt takes it over.
                    var wording = string.Join(", ", visible);
                    yield return Step(StepAction.Unchanged, $"the portal's own default stage, kept as it is (the template's wording differs: {wording}; --adopt takes it over)");
                }
                else
                {
                    yield return Step(StepAction.Conflict, $"stage {match.RawCode} exists and was not created by the app. Re-run with --adopt to rename it.", visible);
                }
            }
        }
    }

    private static FieldStep PlanField(Context context, DesiredField field)
    {
        var group = $"{Capitalized(field.Entity)} fields";
        var title = $"field {field.Code} «{field.Name.Get()}» ({Serialization(field)})";
        var entry = context.Ledger.Get(field.Key);
        var fields = context.Snapshot.Fields.Where(f => f.Entity == field.Entity).ToList();
        var actual = entry is { IsOurs: true } ? fields.FirstOrDefault(f => f.Id == entry.PortalId) : null;
        var ours = actual is not null;
        // A field the CRM holds without a code (made by hand in amoCRM) is matched by its name.
        actual ??= fields.FirstOrDefault(f => f.Code == field.Code) ?? fields.FirstOrDefault(f => f.Code.Length == 0 && f.Name.Get() == field.Name.Get());
        if (actual is not null && entry is { Origin: LedgerOrigin.Pending })
        {
            ours = true;
            context.Recovered[field.Key.ToString()] = actual.Id;
        }

        FieldStep Step(StepAction action, string? note = null, IReadOnlyList<PropertyChange>? changes = null, IReadOnlyList<ItemChange>? items = null) => new()
        {
            SetsRequiredStages = action == StepAction.Create ? field.RequiredStages.Count > 0 : changes?.Any(c => c.Property == RequiredStagesProperty) == true,
            Key = field.Key,
            Action = action,
            Group = group,
            Title = title,
            Desired = field,
            Actual = actual,
            PortalId = actual?.Id,
            Note = note,
            Changes = changes ?? [],
            Items = items ?? [],
        };

        if (actual is null)
        {
            return Step(StepAction.Create, items: [.. field.Items.Select(i => new ItemChange(i.Key, StepAction.Create, i, null))]);
        }

        if (actual.Type != context.Desired.Capabilities.StoredFieldType(field.Type) || actual.Multiple != field.Multiple && field.Type != FieldType.MultiList)
        {
            return Step(StepAction.Conflict, $"field {actual.RawName} exists as {actual.RawType}{(actual.Multiple ? " (multiple)" : string.Empty)}; the template wants {Serialization(field)}. A field's type cannot change: use another code.");
        }

        var changes = new List<PropertyChange>();
        if (actual.Name.IsPlain || field.Name.IsPlain)
        {
            // One text on one side: the field is as wanted when that text is one of the other side's.
            if (!field.Name.Values.Values.Contains(actual.Name.Get()) && !actual.Name.Values.Values.Contains(field.Name.Get()))
            {
                changes.Add(new PropertyChange("label", actual.Name.Get(), field.Name.Get()));
            }
        }
        else
        {
            foreach (var (language, text) in field.Name.Values)
            {
                var current = actual.Name.Values.TryGetValue(language, out var value) ? value : null;
                if (current != text)
                {
                    changes.Add(new PropertyChange($"label ({language})", current, text));
                }
            }
        }

        if (actual.Mandatory != field.Required)
        {
            changes.Add(new PropertyChange("required", actual.Mandatory ? "yes" : "no", field.Required ? "yes" : "no"));
        }

        var requiredStages = RequiredStagesChange(context, field, actual);
        if (requiredStages is not null)
        {
            changes.Add(requiredStages);
        }

        var items = new List<ItemChange>();
        foreach (var item in field.Items)
        {
            // Items the portal holds without a code (made by hand) are matched by name.
            var existing = actual.Items.FirstOrDefault(i => i.Code == item.Code) ?? actual.Items.FirstOrDefault(i => string.IsNullOrEmpty(i.Code) && i.Name == item.Name);
            if (existing is null)
            {
                items.Add(new ItemChange(item.Key, StepAction.Create, item, null));
                changes.Add(new PropertyChange($"item {item.Code}", null, item.Name));
            }
            else if (existing.Name != item.Name)
            {
                items.Add(new ItemChange(item.Key, StepAction.Update, item, existing));
                changes.Add(new PropertyChange($"item {item.Code}", existing.Name, item.Name));
            }
            else
            {
                items.Add(new ItemChange(item.Key, StepAction.Unchanged, item, existing));
            }
        }

        foreach (var (key, itemEntry) in context.Ledger.Of(ResourceKind.ListItem).Where(e => e.Key.Path.StartsWith(field.Key.Path + "/", StringComparison.Ordinal) && e.Entry.Origin == LedgerOrigin.Created))
        {
            if (field.Items.Any(i => i.Key == key))
            {
                continue;
            }

            var existing = actual.Items.FirstOrDefault(i => (itemEntry.PortalId.Length > 0 && i.Id == itemEntry.PortalId) || (itemEntry.Code is not null && i.Code == itemEntry.Code));
            if (existing is not null)
            {
                var action = context.Options.AllowDestroy ? StepAction.Delete : StepAction.Keep;
                items.Add(new ItemChange(key, action, null, existing));
                changes.Add(new PropertyChange($"item {existing.Code}", existing.Name, action == StepAction.Delete ? "(deleted)" : "(no longer in the template; kept — --allow-destroy removes it)"));
            }
        }

        var writes = items.Any(i => i.Action is StepAction.Create or StepAction.Update or StepAction.Delete) || changes.Any(c => !c.Property.StartsWith("item ", StringComparison.Ordinal));
        if (!writes)
        {
            return Step(StepAction.Unchanged, ours ? null : "exists (not created by the app)", items.Any(i => i.Action == StepAction.Keep) ? changes : [], items);
        }

        if (ours)
        {
            return Step(StepAction.Update, changes: changes, items: items);
        }

        return context.Options.Adopt
            ? Step(StepAction.Adopt, "taken over: labels updated and missing items added; nothing is deleted", changes, [.. items.Where(i => i.Action != StepAction.Delete)])
            : Step(StepAction.Conflict, $"field {actual.RawName} exists and was not created by the app. Re-run with --adopt to take it over (labels updated, missing items added, nothing deleted).", changes);
    }

    private const string RequiredStagesProperty = "required from stages";

    /// <summary>
    /// The change to the stages from which the CRM requires <paramref name="field"/>, or null when it holds what the
    /// template wants (or has no such setting). A stage this apply creates has no id yet: that is a change.
    /// </summary>
    private static PropertyChange? RequiredStagesChange(Context context, DesiredField field, ActualField actual)
    {
        if (actual.RequiredStages is not { } current || (field.RequiredStages.Count == 0 && current.Count == 0))
        {
            return null;
        }

        var wanted = field.RequiredStages.Select(key => context.StageIds.TryGetValue(key, out var id) ? id : null).ToList();
        if (wanted.TrueForAll(id => id is not null) && wanted.ToHashSet(StringComparer.Ordinal).SetEquals(current))
        {
            return null;
        }

        return new PropertyChange(
            RequiredStagesProperty,
            current.Count == 0 ? "none" : string.Join(", ", current.Order(StringComparer.Ordinal)),
            field.RequiredStages.Count == 0 ? "none" : string.Join(", ", field.RequiredStages.Select(k => k.Path)));
    }

    private static LossReasonStep PlanLossReason(Context context, DesiredListItem reason) =>
        // Loss reasons have no code on the CRM: matched by the ledger, then by name.
        PlanListEntry(context, reason, context.Snapshot.LossReasons ?? [], r => r.Name == reason.Name, "loss reason", actual => $"the loss reason with id {actual.Id}", (action, actual, note, changes) => new LossReasonStep
        {
            Key = reason.Key,
            Action = action,
            Group = $"Loss reasons (the deal field {context.Desired.LossReasonField})",
            Title = $"loss reason {reason.Code} «{reason.Name}»",
            Desired = reason,
            Actual = actual,
            PortalId = actual?.Id,
            Note = note,
            Changes = changes,
        });

    private static RoleStep PlanRole(Context context, DesiredRole role)
    {
        var existing = context.Snapshot.Roles ?? [];
        var entry = context.Ledger.Get(role.Key);
        var actual = entry is { IsOurs: true } ? existing.FirstOrDefault(r => r.Id == entry.PortalId) : null;
        var ours = actual is not null;
        var byName = existing.Where(r => r.Name == role.Name).ToList();
        if (actual is null && byName.Count > 1)
        {
            return Step(StepAction.Conflict, $"{byName.Count} roles on the portal are named «{role.Name}» (ids {string.Join(", ", byName.Select(r => r.Id))}); the app cannot tell which is meant. Rename all but one.");
        }

        actual ??= byName.FirstOrDefault();
        if (actual is not null && entry is { Origin: LedgerOrigin.Pending })
        {
            ours = true;
            context.Recovered[role.Key.ToString()] = actual.Id;
        }

        RoleStep Step(StepAction action, string? note = null, IReadOnlyList<PropertyChange>? changes = null) => new()
        {
            Key = role.Key,
            Action = action,
            Group = "Access roles",
            Title = $"role «{role.Name}»",
            Desired = role,
            Actual = actual,
            PortalId = actual?.Id,
            Note = note,
            Changes = changes ?? [],
        };

        if (actual is null)
        {
            return Step(StepAction.Create, role.Definition.Description?.Get());
        }

        var changes = new List<PropertyChange>();
        if (actual.Name != role.Name)
        {
            changes.Add(new PropertyChange("name", actual.Name, role.Name));
        }

        var wanted = context.Desired.Capabilities.StoredRoleRights!(role.Definition);
        foreach (var (kind, rights) in wanted.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var held = actual.Rights.TryGetValue(kind, out var value) ? value : null;
            if (held != rights)
            {
                changes.Add(new PropertyChange($"rights on {kind}", RoleRightsText(held), RoleRightsText(rights)));
            }
        }

        if (changes.Count == 0)
        {
            return Step(StepAction.Unchanged, ours ? null : "exists (not created by the app)");
        }

        return ours ? Step(StepAction.Update, changes: changes)
            : context.Options.Adopt ? Step(StepAction.Adopt, "taken over: its rights are set as the template says", changes)
            : Step(StepAction.Conflict, $"a role named «{role.Name}» exists with other rights and was not created by the app. Re-run with --adopt to set its rights as the template says.", changes);
    }

    private static string RoleRightsText(RoleRights? rights) => rights is null
        ? "(none)"
        : $"view {Templates.Serialization.EnumNames.Of(rights.View)}, add {Templates.Serialization.EnumNames.Of(rights.Add)}, edit {Templates.Serialization.EnumNames.Of(rights.Edit)}, delete {Templates.Serialization.EnumNames.Of(rights.Delete)}, export {Templates.Serialization.EnumNames.Of(rights.Export)}";

    private static SourceStep PlanSource(Context context, DesiredListItem source) =>
        PlanListEntry(context, source, context.Snapshot.Sources, s => s.Code == source.Code, "source", _ => $"source {source.Code}", (action, actual, note, changes) => new SourceStep
        {
            Key = source.Key,
            Action = action,
            Group = "Lead sources",
            Title = $"source {source.Code} «{source.Name}»",
            Desired = source,
            Actual = actual,
            PortalId = actual?.Id,
            Note = note,
            Changes = changes,
        });

    /// <summary>
    /// A named entry of a CRM list (a lead source, a loss reason): matched by the ledger, then by <paramref name="same"/>;
    /// renamed when ours, taken over with consent, otherwise a conflict — except the portal's own untouched default entry,
    /// which is kept as it is.
    /// </summary>
    private static T PlanListEntry<T>(Context context, DesiredListItem wanted, IReadOnlyList<ActualListItem> existing, Func<ActualListItem, bool> same, string kind, Func<ActualListItem, string> describe, Func<StepAction, ActualListItem?, string?, IReadOnlyList<PropertyChange>, T> step)
        where T : PlanStep
    {
        var entry = context.Ledger.Get(wanted.Key);
        var actual = entry is { IsOurs: true } ? existing.FirstOrDefault(s => s.Id == entry.PortalId) : null;
        var ours = actual is not null || entry is { Origin: LedgerOrigin.Pending };
        actual ??= existing.FirstOrDefault(same);
        if (actual is not null && entry is { Origin: LedgerOrigin.Pending })
        {
            context.Recovered[wanted.Key.ToString()] = actual.Id;
        }

        if (actual is null)
        {
            return step(StepAction.Create, null, null, []);
        }

        if (actual.Name == wanted.Name)
        {
            return step(StepAction.Unchanged, actual, ours ? null : "exists (not created by the app)", []);
        }

        PropertyChange[] rename = [new("name", actual.Name, wanted.Name)];
        if (ours)
        {
            return step(StepAction.Update, actual, null, rename);
        }

        if (context.Options.Adopt)
        {
            return step(StepAction.Adopt, actual, "taken over", rename);
        }

        // The portal's own default entry under its initial name: kept, not a conflict (see the default stages above).
        return actual.IsUntouchedDefault
            ? step(StepAction.Unchanged, actual, $"the portal's own default {kind}, kept as it is (the template's wording differs: {rename[0]}; --adopt takes it over)", [])
            : step(StepAction.Conflict, actual, $"{describe(actual)} exists and was not created by the app. Re-run with --adopt to rename it.", rename);
    }

    private static RobotStep PlanRobot(Context context, DesiredRobot robot)
    {
        var registered = context.Snapshot.Robots?.Contains(robot.Definition.Code, StringComparer.Ordinal) == true;
        var entry = context.Ledger.Get(robot.Key);
        var action = !registered ? StepAction.Create : entry?.Fingerprint == robot.Fingerprint ? StepAction.Unchanged : StepAction.Update;
        return new RobotStep
        {
            Key = robot.Key,
            Action = action,
            Group = "Robots",
            Title = $"robot {robot.Definition.Code} «{robot.Definition.Name.Get()}»",
            Desired = robot,
            PortalId = registered ? robot.Definition.Code : null,
            Note = string.Join("; ", new[]
            {
                action == StepAction.Update ? $"registration refreshed (handler {robot.Handler})" : action == StepAction.Create ? $"handler {robot.Handler}" : null,
                robot.Placement?.Describe(),
            }.OfType<string>()) is { Length: > 0 } note ? note : null,
        };
    }

    private static EventStep PlanEvent(Context context, DesiredEvent binding)
    {
        // An offline binding has no handler: the portal knows it by event name alone.
        var bound = context.Snapshot.Events?.Any(e => string.Equals(e.Event, binding.Event, StringComparison.OrdinalIgnoreCase)
            && (binding.Offline ? e.Offline : !e.Offline && e.Handler == binding.Handler.AbsoluteUri)) == true;
        return new EventStep
        {
            Key = binding.Key,
            Action = bound ? StepAction.Unchanged : StepAction.Create,
            Group = "Event handlers",
            Title = binding.Offline ? $"{binding.Event} → offline queue" : $"{binding.Event} → {binding.Handler}",
            Desired = binding,
        };
    }

    /// <summary>
    /// A button is found by its code and handler, else by what the ledger says was bound last (the handler moved). The
    /// portal cannot change a bound button's texts, so a changed title or description is an unbind and a bind. A
    /// button the app itself bound is the app's whatever the ledger says (placement.get lists only this app's).
    /// </summary>
    private static PlacementStep PlanPlacement(Context context, DesiredPlacement placement)
    {
        var bound = context.Snapshot.Placements ?? [];
        var actual = bound.FirstOrDefault(p => p.Code == placement.Code && p.Handler == placement.Handler.AbsoluteUri);
        var previous = actual;
        if (actual is null && context.Ledger.Get(placement.Key) is { } entry)
        {
            var (code, handler) = DesiredPlacement.ParsePortalId(entry.PortalId);
            previous = bound.FirstOrDefault(p => p.Code == code && p.Handler == handler);
        }

        var changes = new List<PropertyChange>();
        if (previous is not null)
        {
            if (previous.Handler != placement.Handler.AbsoluteUri)
            {
                changes.Add(new PropertyChange("handler", previous.Handler, placement.Handler.AbsoluteUri));
            }

            foreach (var (language, title) in placement.Titles)
            {
                var was = previous.Titles.GetValueOrDefault(language) ?? previous.Title;
                if (was != title)
                {
                    changes.Add(new PropertyChange($"title.{language}", was, title));
                }
            }

            foreach (var (language, description) in placement.Descriptions)
            {
                var was = previous.Descriptions.GetValueOrDefault(language) ?? string.Empty;
                if (was != description)
                {
                    changes.Add(new PropertyChange($"description.{language}", was, description));
                }
            }
        }

        var action = previous is null ? StepAction.Create : changes.Count == 0 ? StepAction.Unchanged : StepAction.Update;
        return new PlacementStep
        {
            Key = placement.Key,
            Action = action,
            Group = "Buttons",
            Title = $"button {placement.Definition.Key} «{placement.Title}» ({placement.Code})",
            Desired = placement,
            Previous = action == StepAction.Update ? previous : null,
            Changes = changes,
            PortalId = previous is null ? null : DesiredPlacement.PortalIdOf(previous.Code, previous.Handler),
            Note = action switch
            {
                StepAction.Create => $"handler {placement.Handler}",
                StepAction.Update => "bound again (the portal cannot change a bound button)",
                _ => null,
            },
        };
    }

    private static IEnumerable<PlanStep> PlanRemovals(Context context, List<PlanStep> planned)
    {
        var wanted = planned.Select(s => s.Key.ToString())
            .Concat(planned.OfType<FieldStep>().SelectMany(f => f.Items.Select(i => i.Key.ToString())))
            .ToHashSet(StringComparer.Ordinal);

        // Stages are judged only where their flow was planned stage by stage (not skipped, not in conflict, not removed).
        var planedFlows = planned.OfType<StageStep>().Select(s => s.FlowKey).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, entry) in context.Ledger.Entries.Select(e => (Key: ResourceKey.Parse(e.Key), e.Value)).OrderBy(e => e.Key.ToString(), StringComparer.Ordinal))
        {
            if (wanted.Contains(key.ToString()) || entry.Origin != LedgerOrigin.Created || key.Kind == ResourceKind.ListItem ||
                (key.Kind == ResourceKind.Stage && !planedFlows.Contains(key.Path[..key.Path.LastIndexOf('/')])))
            {
                continue;
            }

            // Event handlers and buttons are the app's own wiring: an obsolete one is simply unbound.
            var action = key.Kind is ResourceKind.EventBinding or ResourceKind.Placement || context.Options.AllowDestroy ? StepAction.Delete : StepAction.Keep;
            yield return new RemovalStep
            {
                Key = key,
                Action = action,
                Group = "No longer in the template",
                Title = $"{key.Kind.ToString().ToLowerInvariant()} {key.Path}",
                PortalId = entry.PortalId,
                Parent = key.Kind == ResourceKind.Stage ? key.Path[..key.Path.LastIndexOf('/')] : null,
                Note = action == StepAction.Delete ? "created by the app and no longer in the template; removed unless it holds data" : "created by the app and no longer in the template; kept — --allow-destroy removes it (never while it holds data)",
            };
        }
    }

    private static string Describe(StageSemantics semantics) => semantics switch
    {
        StageSemantics.Success => "the success stage",
        StageSemantics.Failure => "a failure stage",
        _ => "an in-progress stage",
    };

    private static string Capitalized(CrmEntity entity) => entity.ToString();

    private static string Serialization(DesiredField field) =>
        Templates.Serialization.EnumNames.Of(field.Type) + (field.Multiple && field.Type != FieldType.MultiList ? ", multiple" : string.Empty);

    /// <summary>Bookkeeping while planning: what is ours, what the last apply left pending and was found.</summary>
    private sealed class Context(DesiredState desired, PortalSnapshot snapshot, ProvisioningLedger ledger, PlanOptions options)
    {
        public DesiredState Desired { get; } = desired;

        public PortalSnapshot Snapshot { get; } = snapshot;

        public ProvisioningLedger Ledger { get; } = ledger;

        public PlanOptions Options { get; } = options;

        /// <summary>Flows the app owns after this apply (created, adopted).</summary>
        public HashSet<ResourceKey> Owned { get; } = [];

        /// <summary>Stages matched on the portal: stage key → portal id (for fields the CRM requires from stages).</summary>
        public Dictionary<ResourceKey, string> StageIds { get; } = [];

        /// <summary>Pending ledger entries found on the portal: key → portal id.</summary>
        public Dictionary<string, string> Recovered { get; } = new(StringComparer.Ordinal);

        public int PipelinesToCreate { get; set; }

        /// <summary>Desired pipelines found on the portal neither through the ledger nor by name.</summary>
        public int NewPipelinesNeeded { get; } = desired.Flows.Count(f => !f.IsLeadFunnel && !Exists(f, snapshot, ledger));

        private static bool Exists(DesiredFlow flow, PortalSnapshot snapshot, ProvisioningLedger ledger) =>
            (ledger.Get(flow.Key!) is { } entry && (snapshot.Flow(entry.PortalId) is not null || entry.Origin == LedgerOrigin.Pending)) ||
            snapshot.Flows.Any(f => f.Entity == CrmEntity.Deal && f.Name == flow.Name);
    }
}
