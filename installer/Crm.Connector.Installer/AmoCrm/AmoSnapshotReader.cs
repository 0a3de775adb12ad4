using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Installer.Actual;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>
/// Reads what a template may touch on an amoCRM account in six requests, sent together (the client paces them):
/// pipelines with their statuses, the custom fields of leads, contacts and companies (50 a page), loss reasons and roles.
/// Statuses have no codes: the plan matches them by the ledger, then by name; 142 and 143 are the pipeline's success and
/// failure stages; «Неразобранное» is amoCRM's own and is left out.
/// </summary>
internal static class AmoSnapshotReader
{
    public static async Task<PortalSnapshot> ReadAsync(AmoCrmClient client, CancellationToken cancellationToken)
    {
        var pipelines = client.Pipelines.ListAsync(cancellationToken);
        var leadFields = client.CustomFields.ListAsync(AmoEntityType.Leads, cancellationToken);
        var contactFields = client.CustomFields.ListAsync(AmoEntityType.Contacts, cancellationToken);
        var companyFields = client.CustomFields.ListAsync(AmoEntityType.Companies, cancellationToken);
        var reasons = client.LossReasons.ListAsync(cancellationToken);
        var roles = client.Roles.ListAsync(cancellationToken);
        await Task.WhenAll(pipelines, leadFields, contactFields, companyFields, reasons, roles);

        var fields = new List<ActualField>();
        fields.AddRange((await leadFields).Select(f => Field(f, CrmEntity.Deal)));
        fields.AddRange((await contactFields).Select(f => Field(f, CrmEntity.Contact)));
        fields.AddRange((await companyFields).Select(f => Field(f, CrmEntity.Company)));
        return new PortalSnapshot(
            DetectedPlan: null,
            MaxPipelines: AmoCrmNames.MaxPipelines,
            Flows: [.. (await pipelines).Select(Flow)],
            Fields: fields,
            Sources: [],
            Robots: null,
            Events: null)
        {
            LossReasons = [.. (await reasons).Select(r => new ActualListItem(AmoCrmNames.Id(r.Id), null, r.Name, r.Sort))],
            Roles = [.. (await roles).Select(r => new ActualRole(AmoCrmNames.Id(r.Id), r.Name, AmoRoles.FromAmo(r.Rights)))],
        };
    }

    private static ActualFlow Flow(AmoPipeline pipeline) => new(
        AmoCrmNames.Id(pipeline.Id),
        CrmEntity.Deal,
        pipeline.Name,
        pipeline.IsMain,
        [.. pipeline.Statuses.Where(s => s.Type != AmoCrmNames.UnsortedType).Select(s => Stage(pipeline.Id, s))]);

    private static ActualStage Stage(long pipelineId, AmoStatus status)
    {
        var (semantics, initialName) = status.Id switch
        {
            AmoCrmNames.Won => (StageSemantics.Success, AmoCrmNames.WonName),
            AmoCrmNames.Lost => (StageSemantics.Failure, AmoCrmNames.LostName),
            _ => (StageSemantics.Process, (string?)null),
        };
        return new ActualStage(
            AmoCrmNames.StageId(pipelineId, status.Id),
            Code: string.Empty,
            RawCode: AmoCrmNames.Id(status.Id),
            status.Name,
            status.Color,
            semantics,
            status.Sort,
            System: semantics != StageSemantics.Process)
        {
            InitialName = initialName,
        };
    }

    private static ActualField Field(AmoCustomField field, CrmEntity entity)
    {
        var type = AmoCrmNames.TemplateType(field.Type);
        return new ActualField(
            AmoCrmNames.Id(field.Id),
            entity,
            field.Code ?? string.Empty,
            RawName: $"«{field.Name}» (id {field.Id})",
            type,
            field.Type,
            Multiple: field.Type is "multiselect" or "multitext",
            Mandatory: false,
            LocalizedText.Plain(field.Name),
            [.. (field.Enums ?? []).Select(e => new ActualListItem(e.Id is { } id ? AmoCrmNames.Id(id) : string.Empty, e.Code, e.Value, e.Sort))])
        {
            RequiredStages = [.. (field.RequiredStatuses ?? []).Select(r => AmoCrmNames.StageId(r.PipelineId, r.StatusId))],
        };
    }
}
