using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Desired;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>
/// Carries out a plan on an amoCRM account in as few requests as API v4 allows: every write goes as an array (the
/// client splits past 50). A new pipeline is one request with all its statuses, 142 and 143 renamed in it; new
/// statuses of existing pipelines go one request per pipeline; then loss reasons and roles one request each; then the
/// custom fields one request per entity, last, because a field required from a stage needs that stage's id. A fresh
/// account gets online-school in six write requests. Each create is written to the ledger as pending before its
/// request and with its id after it, so an apply stopped anywhere — even with a create whose answer was lost — resumes
/// without creating anything twice (the plan finds pending objects by name or code).
/// </summary>
internal sealed class AmoApplier(AmoCrmClient client, ProvisioningPlan plan, LedgerSession ledger, IProgress<ApplyProgress>? progress)
{
    private readonly ApplyTally _tally = new(plan, progress);

    public async Task<ApplyResult> RunAsync(CancellationToken cancellationToken)
    {
        var before = client.Statistics.Requests;
        foreach (var (key, id) in plan.Recovered)
        {
            ledger.Record(ResourceKey.Parse(key), new LedgerEntry { PortalId = id, Origin = LedgerOrigin.Created });
        }

        await PipelinesAsync(cancellationToken);
        await StagesAsync(cancellationToken);
        await LossReasonsAsync(cancellationToken);
        await RolesAsync(cancellationToken);
        await FieldsAsync(cancellationToken);
        await RemovalsAsync(cancellationToken);
        await ledger.SaveAsync(cancellationToken);
        return _tally.Result(client.Statistics.Requests - before);
    }

    private async Task PipelinesAsync(CancellationToken cancellationToken)
    {
        var creates = plan.Steps.OfType<FlowStep>().Where(f => f.Action == StepAction.Create).ToList();
        if (creates.Count > 0)
        {
            var known = plan.Snapshot.Flows.Select(f => f.Id).ToList();
            foreach (var flow in creates)
            {
                ledger.Record(flow.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Name = flow.Desired.Name, KnownBefore = known });
            }

            await ledger.SaveAsync(cancellationToken);
            var order = plan.Snapshot.Flows.Count;
            var adds = creates.Select((flow, i) => new AmoPipelineAdd
            {
                Name = flow.Desired.Name!,
                Sort = (order + i + 1) * 10,
                IsMain = flow.Desired.Main,
                IsUnsortedOn = true,
                RequestId = flow.Desired.FlowKey,
                Statuses = NewStatuses(flow.Desired),
            }).ToList();
            var newFlows = creates.Select(f => f.Desired.FlowKey).ToHashSet(StringComparer.Ordinal);
            var together = creates.Cast<PlanStep>().Concat(plan.Steps.OfType<StageStep>().Where(s => newFlows.Contains(s.FlowKey))).ToList();
            var pipelines = await WriteAsync(together, () => client.Pipelines.AddAsync(adds, cancellationToken));
            for (var i = 0; i < (pipelines?.Count ?? 0); i++)
            {
                var flow = creates[i];
                var pipeline = pipelines![i];
                ledger.Record(flow.Key, new LedgerEntry { PortalId = AmoCrmNames.Id(pipeline.Id), Origin = LedgerOrigin.Created, Name = pipeline.Name });
                RecordNewStages(flow.Desired, pipeline);
                Done(flow, Outcome.Created);
            }

            await ledger.SaveAsync(cancellationToken);
        }

        foreach (var flow in plan.Steps.OfType<FlowStep>().Where(f => f.Action is StepAction.Update or StepAction.Adopt))
        {
            var id = AmoCrmNames.Id(flow.PortalId!);
            if (flow.Changes.Any(c => c.Property == "name"))
            {
                if (await WriteAsync([flow], () => client.Pipelines.UpdateAsync(id, new AmoPipelinePatch { Name = flow.Desired.Name }, cancellationToken)) is null)
                {
                    continue;
                }
            }

            ledger.Record(flow.Key, new LedgerEntry { PortalId = flow.PortalId!, Origin = flow.Action == StepAction.Adopt ? LedgerOrigin.Adopted : LedgerOrigin.Created });
            Done(flow, flow.Action == StepAction.Adopt ? Outcome.Adopted : Outcome.Updated);
        }
    }

    /// <summary>The statuses of a new pipeline: the template's in-progress stages in order, and 142 / 143 renamed.</summary>
    private static List<AmoStatusAdd> NewStatuses(DesiredFlow flow)
    {
        var statuses = new List<AmoStatusAdd>();
        var sort = 0;
        foreach (var stage in flow.Stages)
        {
            statuses.Add(stage.Semantics switch
            {
                StageSemantics.Success => new AmoStatusAdd { Id = AmoCrmNames.Won, Name = stage.Name },
                StageSemantics.Failure => new AmoStatusAdd { Id = AmoCrmNames.Lost, Name = stage.Name },
                _ => new AmoStatusAdd { Name = stage.Name, Sort = sort += 10, Color = stage.Color, RequestId = stage.Code },
            });
        }

        return statuses;
    }

    private void RecordNewStages(DesiredFlow flow, AmoPipeline pipeline)
    {
        foreach (var stage in flow.Stages)
        {
            var status = stage.Semantics switch
            {
                StageSemantics.Success => pipeline.Statuses.FirstOrDefault(s => s.Id == AmoCrmNames.Won),
                StageSemantics.Failure => pipeline.Statuses.FirstOrDefault(s => s.Id == AmoCrmNames.Lost),
                _ => pipeline.Statuses.FirstOrDefault(s => s.Name == stage.Name && s.Type != AmoCrmNames.UnsortedType),
            };
            if (status is not null)
            {
                ledger.Record(stage.Key, new LedgerEntry { PortalId = AmoCrmNames.StageId(pipeline.Id, status.Id), Origin = LedgerOrigin.Created });
                Done(plan.Steps.OfType<StageStep>().FirstOrDefault(s => s.Key == stage.Key), Outcome.Created);
            }
        }
    }

    /// <summary>Stages of pipelines that already exist: new ones one request per pipeline, changed ones one each.</summary>
    private async Task StagesAsync(CancellationToken cancellationToken)
    {
        var newPipelines = plan.Steps.OfType<FlowStep>().Where(f => f.Action == StepAction.Create).Select(f => f.Desired.FlowKey).ToHashSet(StringComparer.Ordinal);
        var flows = plan.Steps.OfType<FlowStep>().ToDictionary(f => f.Desired.FlowKey, StringComparer.Ordinal);
        foreach (var group in plan.Steps.OfType<StageStep>().Where(s => s.Writes && !newPipelines.Contains(s.FlowKey)).GroupBy(s => s.FlowKey, StringComparer.Ordinal))
        {
            if (!flows.TryGetValue(group.Key, out var flow) || ledger.Get(flow.Key)?.PortalId is not { Length: > 0 } flowId)
            {
                foreach (var stage in group)
                {
                    Fail(stage, "its pipeline was not created");
                }

                continue;
            }

            var pipelineId = AmoCrmNames.Id(flowId);
            var creates = new List<StageStep>();
            foreach (var stage in group)
            {
                // A pipeline an interrupted apply created has all its statuses already: find them instead of adding more.
                var existing = stage.Actual ?? (stage.InNewFlow ? Existing(flow, stage) : null);
                if (existing is null && stage.Desired.Semantics == StageSemantics.Process && stage.Action == StepAction.Create)
                {
                    creates.Add(stage);
                    continue;
                }

                if (existing is null)
                {
                    Fail(stage, $"amoCRM makes the {(stage.Desired.Semantics == StageSemantics.Success ? "won (142)" : "lost (143)")} stage itself and has one per pipeline; it was not found");
                    continue;
                }

                await UpdateStageAsync(stage, pipelineId, existing, cancellationToken);
            }

            if (creates.Count == 0)
            {
                continue;
            }

            foreach (var stage in creates)
            {
                ledger.Record(stage.Key, new LedgerEntry { Origin = LedgerOrigin.Pending });
            }

            await ledger.SaveAsync(cancellationToken);
            var adds = creates.Select(s => new AmoStatusAdd { Name = s.Desired.Name, Sort = s.Sort, Color = s.Desired.Color, RequestId = s.Desired.Code }).ToList();
            var added = await WriteAsync(creates, () => client.Statuses.AddAsync(pipelineId, adds, cancellationToken));
            for (var i = 0; i < (added?.Count ?? 0); i++)
            {
                ledger.Record(creates[i].Key, new LedgerEntry { PortalId = AmoCrmNames.StageId(pipelineId, added![i].Id), Origin = LedgerOrigin.Created });
                Done(creates[i], Outcome.Created);
            }

            await ledger.SaveAsync(cancellationToken);
        }
    }

    private static Actual.ActualStage? Existing(FlowStep flow, StageStep stage) => flow.Actual?.Stages.FirstOrDefault(s => stage.Desired.Semantics switch
    {
        StageSemantics.Process => s.Semantics == StageSemantics.Process && s.Name == stage.Desired.Name,
        var semantics => s.Semantics == semantics,
    });

    private async Task UpdateStageAsync(StageStep stage, long pipelineId, Actual.ActualStage existing, CancellationToken cancellationToken)
    {
        var statusId = AmoCrmNames.ParseStageId(existing.Id).StatusId;
        var patch = new AmoStatusPatch
        {
            Name = existing.Name != stage.Desired.Name ? stage.Desired.Name : null,

            // 142 and 143 keep amoCRM's colours and places.
            Color = !existing.System && stage.Desired.Color is { } color && !string.Equals(color, existing.Color, StringComparison.OrdinalIgnoreCase) ? color : null,
            Sort = !existing.System && stage.Sort is { } sort && sort != existing.Sort ? sort : null,
        };
        if ((patch.Name ?? patch.Color) is not null || patch.Sort is not null)
        {
            if (await WriteAsync([stage], () => client.Statuses.UpdateAsync(pipelineId, statusId, patch, cancellationToken)) is null)
            {
                return;
            }
        }

        var adopted = stage.Action == StepAction.Adopt;
        ledger.Record(stage.Key, new LedgerEntry { PortalId = existing.Id, Origin = adopted ? LedgerOrigin.Adopted : LedgerOrigin.Created });
        await ledger.SaveAsync(cancellationToken);
        Done(stage, adopted ? Outcome.Adopted : stage.Action == StepAction.Create ? Outcome.Created : Outcome.Updated);
    }

    private async Task LossReasonsAsync(CancellationToken cancellationToken)
    {
        var steps = plan.Steps.OfType<LossReasonStep>().Where(s => s.Writes).ToList();
        var creates = steps.Where(s => s.Action == StepAction.Create).ToList();
        if (creates.Count > 0)
        {
            foreach (var step in creates)
            {
                ledger.Record(step.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Name = step.Desired.Name });
            }

            await ledger.SaveAsync(cancellationToken);
            var adds = creates.Select(s => new AmoLossReasonAdd { Name = s.Desired.Name, Sort = (s.Desired.Order + 1) * 10, RequestId = s.Desired.Code }).ToList();
            var added = await WriteAsync(creates, () => client.LossReasons.AddAsync(adds, cancellationToken));
            for (var i = 0; i < (added?.Count ?? 0); i++)
            {
                ledger.Record(creates[i].Key, new LedgerEntry { PortalId = AmoCrmNames.Id(added![i].Id), Origin = LedgerOrigin.Created, Name = added[i].Name });
                Done(creates[i], Outcome.Created);
            }

            await ledger.SaveAsync(cancellationToken);
        }

        foreach (var step in steps.Where(s => s.Action is StepAction.Update or StepAction.Adopt))
        {
            if (await WriteAsync([step], () => client.LossReasons.UpdateAsync(AmoCrmNames.Id(step.PortalId!), new AmoLossReasonPatch { Name = step.Desired.Name }, cancellationToken)) is not null)
            {
                Owned(step);
            }
        }
    }

    private async Task RolesAsync(CancellationToken cancellationToken)
    {
        var steps = plan.Steps.OfType<RoleStep>().Where(s => s.Writes).ToList();
        var creates = steps.Where(s => s.Action == StepAction.Create).ToList();
        if (creates.Count > 0)
        {
            foreach (var step in creates)
            {
                ledger.Record(step.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Name = step.Desired.Name });
            }

            await ledger.SaveAsync(cancellationToken);
            var adds = creates.Select(s => new AmoRoleAdd { Name = s.Desired.Name, Rights = AmoRoles.ToAmo(s.Desired.Definition), RequestId = s.Desired.Definition.Key }).ToList();
            var added = await WriteAsync(creates, () => client.Roles.AddAsync(adds, cancellationToken));
            for (var i = 0; i < (added?.Count ?? 0); i++)
            {
                ledger.Record(creates[i].Key, new LedgerEntry { PortalId = AmoCrmNames.Id(added![i].Id), Origin = LedgerOrigin.Created, Name = added[i].Name });
                Done(creates[i], Outcome.Created);
            }

            await ledger.SaveAsync(cancellationToken);
        }

        foreach (var step in steps.Where(s => s.Action is StepAction.Update or StepAction.Adopt))
        {
            var patch = new AmoRolePatch { Name = step.Desired.Name, Rights = AmoRoles.ToAmo(step.Desired.Definition) };
            if (await WriteAsync([step], () => client.Roles.UpdateAsync(AmoCrmNames.Id(step.PortalId!), patch, cancellationToken)) is not null)
            {
                Owned(step);
            }
        }
    }

    /// <summary>Custom fields: one create request and one update request per entity, list values by enum id.</summary>
    private async Task FieldsAsync(CancellationToken cancellationToken)
    {
        foreach (var group in plan.Steps.OfType<FieldStep>().Where(s => s.Writes).GroupBy(s => s.Desired.Entity))
        {
            if (AmoCrmNames.Entity(group.Key) is not { } entity)
            {
                foreach (var step in group)
                {
                    Fail(step, "amoCRM has no separate lead entity");
                }

                continue;
            }

            var creates = group.Where(s => s.Action == StepAction.Create).ToList();
            if (creates.Count > 0)
            {
                foreach (var step in creates)
                {
                    ledger.Record(step.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Code = step.Desired.Code });
                }

                await ledger.SaveAsync(cancellationToken);
                var adds = creates.Select(s => new AmoCustomFieldAdd
                {
                    Name = s.Desired.Name.Get(),
                    Type = AmoCrmNames.FieldType(s.Desired.Type)!,
                    Code = s.Desired.Code,
                    Enums = s.Desired.Items.Count == 0 ? null : [.. s.Desired.Items.Select(i => new AmoEnum(null, i.Name, (i.Order + 1) * 10, null))],
                    RequiredStatuses = s.SetsRequiredStages ? RequiredStatuses(s.Desired) : null,
                    RequestId = s.Desired.Code,
                }).ToList();
                var added = await WriteAsync(creates, () => client.CustomFields.AddAsync(entity, adds, cancellationToken));
                for (var i = 0; i < (added?.Count ?? 0); i++)
                {
                    ledger.Record(creates[i].Key, new LedgerEntry { PortalId = AmoCrmNames.Id(added![i].Id), Origin = LedgerOrigin.Created, Code = added[i].Code });
                    RecordItems(creates[i], added[i]);
                    Done(creates[i], Outcome.Created);
                }

                await ledger.SaveAsync(cancellationToken);
            }

            var updates = group.Where(s => s.Action is StepAction.Update or StepAction.Adopt).ToList();
            if (updates.Count > 0)
            {
                var patches = updates.Select(Patch).ToList();
                var updated = await WriteAsync(updates, () => client.CustomFields.UpdateAsync(entity, patches, cancellationToken));
                for (var i = 0; i < (updated?.Count ?? 0); i++)
                {
                    var step = updates[i];
                    var adopted = step.Action == StepAction.Adopt;
                    ledger.Record(step.Key, new LedgerEntry { PortalId = step.PortalId!, Origin = adopted ? LedgerOrigin.Adopted : LedgerOrigin.Created, Code = step.Desired.Code });
                    RecordItems(step, updated![i]);
                    foreach (var removed in step.Items.Where(c => c.Action == StepAction.Delete))
                    {
                        ledger.Forget(removed.Key);
                    }

                    Done(step, adopted ? Outcome.Adopted : Outcome.Updated);
                }

                await ledger.SaveAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// A field's update: its label, the stages it is required from, and — when any item changes — the whole list of
    /// values, because amoCRM deletes the values a PATCH leaves out: kept ones go with their ids.
    /// </summary>
    private AmoCustomFieldPatch Patch(FieldStep step)
    {
        var relabel = step.Changes.Any(c => c.Property.StartsWith("label", StringComparison.Ordinal));
        List<AmoEnum>? enums = null;
        if (step.Items.Any(i => i.Action is StepAction.Create or StepAction.Update or StepAction.Delete))
        {
            enums = [];
            var removed = step.Items.Where(i => i.Action == StepAction.Delete).Select(i => i.Actual!.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var item in step.Actual!.Items.Where(i => !removed.Contains(i.Id)))
            {
                var renamed = step.Items.FirstOrDefault(c => c.Action == StepAction.Update && c.Actual?.Id == item.Id);
                enums.Add(new AmoEnum(AmoCrmNames.Id(item.Id), renamed?.Desired?.Name ?? item.Name, item.Sort, item.Code));
            }

            var last = enums.Count == 0 ? 0 : enums.Max(e => e.Sort);
            foreach (var item in step.Items.Where(i => i.Action == StepAction.Create))
            {
                enums.Add(new AmoEnum(null, item.Desired!.Name, last += 10, null));
            }
        }

        return new AmoCustomFieldPatch
        {
            Id = AmoCrmNames.Id(step.PortalId!),
            Name = relabel ? step.Desired.Name.Get() : null,
            Enums = enums,
            RequiredStatuses = step.SetsRequiredStages ? RequiredStatuses(step.Desired) : null,
        };
    }

    /// <summary>The stages a field is required from, as amoCRM names them (stage ids recorded by this apply or matched by the plan).</summary>
    private List<AmoRequiredStatus> RequiredStatuses(DesiredField field)
    {
        var statuses = new List<AmoRequiredStatus>();
        foreach (var key in field.RequiredStages)
        {
            var id = ledger.Get(key)?.PortalId is { Length: > 0 } recorded ? recorded : plan.Steps.OfType<StageStep>().FirstOrDefault(s => s.Key == key)?.PortalId;
            if (id is not null)
            {
                var (pipeline, status) = AmoCrmNames.ParseStageId(id);
                statuses.Add(new AmoRequiredStatus(pipeline, status));
            }
        }

        return statuses;
    }

    /// <summary>Records the list values this apply added to a field, matched by value (amoCRM enums have no codes).</summary>
    private void RecordItems(FieldStep step, AmoCustomField field)
    {
        foreach (var change in step.Items.Where(c => c.Action == StepAction.Create && c.Desired is not null))
        {
            if (field.Enums?.FirstOrDefault(e => e.Value == change.Desired!.Name) is { Id: { } id })
            {
                ledger.Record(change.Key, new LedgerEntry { PortalId = AmoCrmNames.Id(id), Origin = LedgerOrigin.Created, Code = change.Desired!.Code });
            }
        }
    }

    /// <summary>Objects of ours no longer in the template, removed with <c>--allow-destroy</c>; what holds data is kept.</summary>
    private async Task RemovalsAsync(CancellationToken cancellationToken)
    {
        foreach (var step in plan.Steps.OfType<RemovalStep>().Where(s => s.Action == StepAction.Delete))
        {
            var outcome = await AmoRemoval.RemoveAsync(client, step.Key, step.PortalId ?? string.Empty, cancellationToken);
            if (outcome.Removed)
            {
                ledger.Forget(step.Key);
                await ledger.SaveAsync(cancellationToken);
                Done(step, Outcome.Deleted);
            }
            else
            {
                _tally.Kept.Add($"{step.Title}: {outcome.Reason}");
                Done(step, Outcome.Kept);
            }
        }
    }

    /// <summary>Sends one write request for <paramref name="steps"/>; on refusal each step fails with the CRM's words and null comes back.</summary>
    private async Task<T?> WriteAsync<T>(IReadOnlyList<PlanStep> steps, Func<Task<T>> write)
        where T : class
    {
        try
        {
            return await write();
        }
        catch (AmoCrmUncertainWriteException e)
        {
            // The create may have run: its ledger entries stay pending, and the next plan finds it by name or code.
            foreach (var step in steps)
            {
                Fail(step, $"{e.Message} Run apply again: it finds what was created and creates nothing twice.");
            }

            return null;
        }
        catch (AmoCrmException e) when (e is not (AmoCrmAccountBlockedException or AmoCrmPaymentRequiredException or AmoCrmReinstallRequiredException or AmoCrmAuthenticationException))
        {
            foreach (var step in steps)
            {
                Fail(step, e.Message);
            }

            return null;
        }
    }

    private void Owned(PlanStep step)
    {
        var adopted = step.Action == StepAction.Adopt;
        ledger.Record(step.Key, new LedgerEntry { PortalId = step.PortalId!, Origin = adopted ? LedgerOrigin.Adopted : LedgerOrigin.Created });
        Done(step, adopted ? Outcome.Adopted : Outcome.Updated);
    }

    private void Done(PlanStep? step, Outcome outcome)
    {
        if (step is null)
        {
            return;
        }

        _ = outcome switch
        {
            Outcome.Created => ++_tally.Created,
            Outcome.Updated => ++_tally.Updated,
            Outcome.Adopted => ++_tally.Adopted,
            Outcome.Deleted => ++_tally.Deleted,
            _ => 0,
        };
        _tally.Done(step.Title);
    }

    private void Fail(PlanStep step, string error) => _tally.Fail(step, error);

    private enum Outcome
    {
        Created,
        Updated,
        Adopted,
        Deleted,
        Kept,
    }
}
