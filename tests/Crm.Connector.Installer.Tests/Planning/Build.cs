using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Desired;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Tests.Planning;

/// <summary>Small desired states, snapshots and ledgers for planner tables.</summary>
internal static class Build
{
    public static DesiredStage Stage(string flow, string code, string name, StageSemantics semantics = StageSemantics.Process, int order = 0) =>
        new(ResourceKey.Stage(flow, code), code, name, null, semantics, order);

    public static DesiredFlow Pipeline(string key, string name, bool main = false, params (string Code, string Name, StageSemantics Semantics)[] stages) =>
        new(ResourceKey.Pipeline(key), key, CrmEntity.Deal, name, main, [.. stages.Select((s, i) => Stage(key, s.Code, s.Name, s.Semantics, i))]);

    public static DesiredFlow Leads(params (string Code, string Name, StageSemantics Semantics)[] stages) =>
        new(null, LeadFunnel.Key, CrmEntity.Lead, null, false, [.. stages.Select((s, i) => Stage(LeadFunnel.Key, s.Code, s.Name, s.Semantics, i))]);

    public static ActualStage ActualStage(string id, string code, string name, StageSemantics semantics = StageSemantics.Process, int sort = 10, string? raw = null) =>
        new(id, code, raw ?? code, name, null, semantics, sort, false);

    public static ActualFlow ActualPipeline(string id, string name, bool isDefault = false, params ActualStage[] stages) =>
        new(id, CrmEntity.Deal, name, isDefault, stages);

    public static ActualFlow ActualLeads(params ActualStage[] stages) => new(LeadFunnel.Key, CrmEntity.Lead, "Leads", false, stages);

    public static DesiredField Field(string code, FieldType type, string name, params (string Code, string Name)[] items) =>
        new(ResourceKey.Field("deal", code), CrmEntity.Deal, code, type, type == FieldType.MultiList, false, LocalizedText.Plain(name), null,
            [.. items.Select((item, i) => new DesiredListItem(ResourceKey.Item("deal", code, item.Code), item.Code, item.Name, false, i))], 0);

    public static ActualField ActualField(string id, string code, FieldType type, string name, params (string Id, string? Code, string Name)[] items) =>
        new(id, CrmEntity.Deal, code, "UF_CRM_" + code, type, type.ToString(), type == FieldType.MultiList, false, LocalizedText.Plain(name), [.. items.Select(i => new ActualListItem(i.Id, i.Code, i.Name, 10))]);

    public static DesiredState DesiredOf(IReadOnlyList<DesiredFlow>? flows = null, IReadOnlyList<DesiredField>? fields = null, IReadOnlyList<DesiredRobot>? robots = null, IReadOnlyList<SkippedPart>? skipped = null) =>
        new("test", "1.0.0", CrmKind.Bitrix24, "professional", flows ?? [], fields ?? [], [], robots ?? [], [], [], skipped ?? []);

    public static PortalSnapshot Snapshot(IReadOnlyList<ActualFlow>? flows = null, IReadOnlyList<ActualField>? fields = null, int? maxPipelines = null, IReadOnlyList<string>? robots = null) =>
        new(null, maxPipelines, flows ?? [ActualPipeline("0", "Общая", isDefault: true)], fields ?? [], [], robots ?? [], []);

    public static ProvisioningLedger LedgerOf(params (ResourceKey Key, LedgerEntry Entry)[] entries)
    {
        var ledger = new ProvisioningLedger { PortalKey = "portal", TemplateKey = "test" };
        foreach (var (key, entry) in entries)
        {
            ledger.Set(key, entry);
        }

        return ledger;
    }

    public static LedgerEntry Ours(string id, string? code = null) => new() { PortalId = id, Origin = LedgerOrigin.Created, Code = code };

    public static ProvisioningPlan Plan(DesiredState desired, PortalSnapshot snapshot, ProvisioningLedger? ledger = null, bool adopt = false, bool allowDestroy = false) =>
        Planner.Plan(desired, snapshot, ledger ?? LedgerOf(), new PlanOptions { Adopt = adopt, AllowDestroy = allowDestroy });

    public static PlanStep Step(ProvisioningPlan plan, string key) => plan.Steps.Single(s => s.Key.ToString() == key);
}
