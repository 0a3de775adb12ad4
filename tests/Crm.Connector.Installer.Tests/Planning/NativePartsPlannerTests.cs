using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Desired;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;
using static Crm.Connector.Installer.Tests.Planning.Build;
using S = Crm.Connector.Templates.Model.StageSemantics;

namespace Crm.Connector.Installer.Tests.Planning;

/// <summary>
/// The planner on a CRM that holds more natively and names less (amoCRM's shape, CRM-neutral in the core): stages
/// without codes, the CRM's own won/lost stages, roles, loss reasons, fields required from a stage.
/// </summary>
public sealed class NativePartsPlannerTests
{
    private static readonly ProvisioningCapabilities Native = new()
    {
        StoredRoleRights = role => role.Rights,
        LossReasons = true,
        StageRequiredFields = true,
    };

    private static readonly DesiredFlow Sale = Pipeline("sale", "Продажа курса", true, ("NEW", "Новая заявка", S.Process), ("QUALIFIED", "Квалифицирован", S.Process), ("WON", "Успешно реализовано", S.Success), ("LOST", "Закрыто не реализовано", S.Failure));

    private static ActualStage CodeLess(string id, string name, S semantics = S.Process, int sort = 10) =>
        new(id, string.Empty, id, name, null, semantics, sort, semantics != S.Process);

    private static DesiredState Native_(IReadOnlyList<DesiredFlow>? flows = null, IReadOnlyList<DesiredField>? fields = null, IReadOnlyList<DesiredRole>? roles = null, IReadOnlyList<DesiredListItem>? reasons = null) =>
        DesiredOf(flows, fields) with { Capabilities = Native, Roles = roles ?? [], LossReasons = reasons ?? [], LossReasonField = "LOSS_REASON" };

    [Fact]
    public void Plan_CodeLessStagesOfAPipelineNotOurs_AreMatchedByNameAndTheOutcomesBySemantics()
    {
        var existing = ActualPipeline("7", "Продажа курса", false,
            CodeLess("7:1", "Новая заявка", sort: 10),
            CodeLess("7:2", "Квалифицирован", sort: 20),
            CodeLess("7:142", "Успешно реализовано", S.Success, 10000),
            CodeLess("7:143", "Закрыто не реализовано", S.Failure, 11000));

        var plan = Plan(Native_([Sale]), Snapshot([existing]));

        Assert.Equal(["7:1", "7:2", "7:142", "7:143"], plan.Steps.OfType<StageStep>().Select(s => s.PortalId));
        Assert.All(plan.Steps.OfType<StageStep>(), s => Assert.Equal(StepAction.Unchanged, s.Action));
    }

    [Fact]
    public void Plan_TheCrmsOwnLostStageUnderItsInitialName_IsKeptNotAConflict()
    {
        var existing = ActualPipeline("7", "Продажа курса", false,
            CodeLess("7:1", "Новая заявка"),
            CodeLess("7:2", "Квалифицирован", sort: 20),
            CodeLess("7:142", "Успешно реализовано", S.Success, 10000),
            CodeLess("7:143", "Закрыто и не реализовано", S.Failure, 11000) with { InitialName = "Закрыто и не реализовано" });

        var lost = Step(Plan(Native_([Sale]), Snapshot([existing])), "stage/sale/LOST");

        Assert.Equal(("7:143", StepAction.Unchanged), (lost.PortalId, lost.Action));
        Assert.Contains("default", lost.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LossReasons_CreatesMissingMatchesByNameAndConflictsOnlyWithAdoptAbsent()
    {
        DesiredListItem Reason(string code, string name, int order) => new(ResourceKey.LossReason(code), code, name, false, order);
        var snapshot = Snapshot() with { LossReasons = [new ActualListItem("31", null, "Дорого", 10)] };

        var plan = Plan(Native_(reasons: [Reason("EXPENSIVE", "Дорого", 0), Reason("SPAM", "Спам", 1)]), snapshot);

        var expensive = Step(plan, "reason/EXPENSIVE");
        Assert.Equal(("31", StepAction.Unchanged), (expensive.PortalId, expensive.Action));
        Assert.Equal(StepAction.Create, Step(plan, "reason/SPAM").Action);
        Assert.Equal("Loss reasons (the deal field LOSS_REASON)", expensive.Group);
    }

    [Fact]
    public void Plan_RoleWithOtherRightsNotOurs_IsAConflictNamingTheRight_AndAdoptSetsIt()
    {
        var wanted = new Role { Key = "manager", Name = LocalizedText.Plain("Менеджер"), Rights = new Dictionary<string, RoleRights> { ["deal"] = new() { View = AccessLevel.All, Edit = AccessLevel.Own } } };
        var held = new Dictionary<string, RoleRights> { ["deal"] = new() { View = AccessLevel.All, Edit = AccessLevel.All } };
        var snapshot = Snapshot() with { Roles = [new ActualRole("9", "Менеджер", held)] };
        var desired = Native_(roles: [new DesiredRole(ResourceKey.Role("manager"), "Менеджер", wanted, 0)]);

        var conflict = Step(Plan(desired, snapshot), "role/manager");
        var adopted = Step(Plan(desired, snapshot, adopt: true), "role/manager");
        var same = Step(Plan(desired, snapshot with { Roles = [new ActualRole("9", "Менеджер", wanted.Rights)] }), "role/manager");

        Assert.Equal(StepAction.Conflict, conflict.Action);
        Assert.Equal("rights on deal", Assert.Single(conflict.Changes).Property);
        Assert.Equal(StepAction.Adopt, adopted.Action);
        Assert.Equal(StepAction.Unchanged, same.Action);
    }

    [Fact]
    public void Plan_FieldRequiredFromAStage_ComparesTheCrmsRequiredStagesByStageId()
    {
        var stages = ActualPipeline("7", "Продажа курса", false,
            CodeLess("7:1", "Новая заявка"),
            CodeLess("7:2", "Квалифицирован", sort: 20),
            CodeLess("7:142", "Успешно реализовано", S.Success, 10000),
            CodeLess("7:143", "Закрыто не реализовано", S.Failure, 11000));
        var field = Field("COURSE", FieldType.String, "Курс") with { RequiredStages = [ResourceKey.Stage("sale", "QUALIFIED"), ResourceKey.Stage("sale", "WON")] };
        var ledger = LedgerOf((field.Key, Ours("55")));
        ActualField Held(params string[] required) => ActualField("55", "COURSE", FieldType.String, "Курс") with { RequiredStages = required };

        var asWanted = (FieldStep)Step(Plan(Native_([Sale], [field]), Snapshot([stages], [Held("7:142", "7:2")]), ledger), "field/deal/COURSE");
        var missing = (FieldStep)Step(Plan(Native_([Sale], [field]), Snapshot([stages], [Held("7:2")]), ledger), "field/deal/COURSE");
        var newPipeline = (FieldStep)Step(Plan(Native_([Sale], [field]), Snapshot([], [Held()]), ledger), "field/deal/COURSE");

        Assert.Equal((StepAction.Unchanged, false), (asWanted.Action, asWanted.SetsRequiredStages));
        Assert.Equal((StepAction.Update, true), (missing.Action, missing.SetsRequiredStages));
        Assert.Equal((StepAction.Update, true), (newPipeline.Action, newPipeline.SetsRequiredStages));
    }

    [Fact]
    public void Plan_HandMadeFieldWithoutACode_IsMatchedByNameNotDuplicated()
    {
        var field = Field("GROUP", FieldType.String, "Группа");

        var step = Step(Plan(Native_(fields: [field]), Snapshot(fields: [ActualField("77", string.Empty, FieldType.String, "Группа")])), "field/deal/GROUP");

        Assert.Equal(("77", StepAction.Unchanged), (step.PortalId, step.Action));
    }
}
