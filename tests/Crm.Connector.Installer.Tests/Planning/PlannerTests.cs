using Crm.Connector.Installer.Desired;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;
using static Crm.Connector.Installer.Tests.Planning.Build;
using S = Crm.Connector.Templates.Model.StageSemantics;

namespace Crm.Connector.Installer.Tests.Planning;

/// <summary>Desired + actual + ledger → steps, without a portal.</summary>
public sealed class PlannerTests
{
    private static readonly DesiredFlow Wash = Pipeline("wash", "Мойка", false, ("INFO", "Получение информации", S.Process), ("WASHING", "Мойка", S.Process), ("WON", "Успешно", S.Success), ("NO_SHOW", "Не приехал", S.Failure));

    [Fact]
    public void Plan_EmptyPortal_CreatesThePipelineAndEveryStageInANewFlow()
    {
        var plan = Plan(DesiredOf([Wash]), Snapshot());

        Assert.Equal(StepAction.Create, Step(plan, "pipeline/wash").Action);
        var stages = plan.Steps.OfType<StageStep>().ToList();
        Assert.All(stages, s => Assert.Equal((StepAction.Create, true), (s.Action, s.InNewFlow)));
        Assert.Equal([10, 20, 30, 40], stages.Select(s => s.Sort));
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Plan_OursAndAsWanted_ChangesNothing()
    {
        var actual = ActualPipeline("5", "Мойка", false,
            ActualStage("51", "INFO", "Получение информации", sort: 10, raw: "C5:INFO"),
            ActualStage("52", "WASHING", "Мойка", sort: 20, raw: "C5:WASHING"),
            ActualStage("53", "WON", "Успешно", S.Success, 30, "C5:WON"),
            ActualStage("54", "NO_SHOW", "Не приехал", S.Failure, 40, "C5:NO_SHOW"));
        var ledger = LedgerOf((ResourceKey.Pipeline("wash"), Ours("5")), (ResourceKey.Stage("wash", "INFO"), Ours("51")), (ResourceKey.Stage("wash", "WASHING"), Ours("52")), (ResourceKey.Stage("wash", "WON"), Ours("53")), (ResourceKey.Stage("wash", "NO_SHOW"), Ours("54")));

        var plan = Plan(DesiredOf([Wash]), Snapshot([ActualPipeline("0", "Общая", true), actual]), ledger);

        Assert.False(plan.HasChanges);
        Assert.All(plan.Steps, s => Assert.Equal(StepAction.Unchanged, s.Action));
    }

    [Fact]
    public void Plan_OurPipelineRenamedByAnAdmin_IsRenamedBack()
    {
        var actual = ActualPipeline("5", "Мойка авто", false, ActualStage("53", "WON", "Успешно", S.Success, 30, "C5:WON"));
        var ledger = LedgerOf((ResourceKey.Pipeline("wash"), Ours("5")));

        var step = Step(Plan(DesiredOf([Wash]), Snapshot([actual]), ledger), "pipeline/wash");

        Assert.Equal(StepAction.Update, step.Action);
        Assert.Equal(new PropertyChange("name", "Мойка авто", "Мойка"), Assert.Single(step.Changes));
    }

    [Fact]
    public void Plan_OurReusedDefaultStage_IsMatchedThroughTheLedgerNotItsCode()
    {
        var actual = ActualPipeline("5", "Мойка", false, ActualStage("53", "WON", "Успешно", S.Success, 30, "C5:WON"));
        var flow = Pipeline("wash", "Мойка", false, ("INFO", "Инфо", S.Process), ("DONE", "Успешно", S.Success));
        var ledger = LedgerOf((ResourceKey.Pipeline("wash"), Ours("5")), (ResourceKey.Stage("wash", "DONE"), Ours("53", "C5:WON")));

        var step = Step(Plan(DesiredOf([flow]), Snapshot([actual]), ledger), "stage/wash/DONE");

        Assert.Equal(("53", StepAction.Unchanged), (step.PortalId, step.Action));
    }

    [Fact]
    public void Plan_SameNamedPipelineNotOurs_IsAConflictUnlessAdopted()
    {
        var existing = ActualPipeline("7", "Мойка", false, ActualStage("71", "INFO", "Получение информации"));

        var conflict = Step(Plan(DesiredOf([Wash]), Snapshot([existing])), "pipeline/wash");
        var adoptPlan = Plan(DesiredOf([Wash]), Snapshot([existing]), adopt: true);

        Assert.Equal(StepAction.Conflict, conflict.Action);
        Assert.Contains("--adopt", conflict.Note, StringComparison.Ordinal);
        Assert.Equal(StepAction.Adopt, Step(adoptPlan, "pipeline/wash").Action);
        Assert.Equal(StepAction.Create, Step(adoptPlan, "stage/wash/WASHING").Action);
        Assert.DoesNotContain(adoptPlan.Steps, s => s.Action == StepAction.Delete);
    }

    [Fact]
    public void Plan_TwoPipelinesWithTheName_IsAConflictEvenWithAdopt()
    {
        var step = Step(Plan(DesiredOf([Wash]), Snapshot([ActualPipeline("7", "Мойка"), ActualPipeline("8", "Мойка")]), adopt: true), "pipeline/wash");

        Assert.Equal(StepAction.Conflict, step.Action);
        Assert.Contains("ids 7, 8", step.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PipelineLimitReached_MainTakesOverTheDefaultOnlyWithAdopt()
    {
        var main = Pipeline("new-client", "Новый клиент", true, ("COLLECT", "Сбор", S.Process), ("DONE", "Выдача", S.Success));
        var snapshot = Snapshot([ActualPipeline("0", "Общая", true, ActualStage("1", "NEW", "Новая"), ActualStage("2", "WON", "Сделка успешна", S.Success, 60))], maxPipelines: 1);

        var refused = Step(Plan(DesiredOf([main]), snapshot), "pipeline/new-client");
        var adopted = Plan(DesiredOf([main]), snapshot, adopt: true);

        Assert.Equal(StepAction.Conflict, refused.Action);
        Assert.Contains("allows 1 pipeline", refused.Note, StringComparison.Ordinal);
        Assert.Equal(("0", StepAction.Adopt), (Step(adopted, "pipeline/new-client").PortalId, Step(adopted, "pipeline/new-client").Action));
        Assert.Equal(("2", StepAction.Adopt), (Step(adopted, "stage/new-client/DONE").PortalId, Step(adopted, "stage/new-client/DONE").Action));
    }

    [Fact]
    public void Plan_StageWhoseMeaningDiffers_IsAConflictEvenWithAdopt()
    {
        var leads = Leads(("NEW", "Новый", S.Process), ("JUNK", "Мусор", S.Process), ("OK", "Качественный", S.Success));
        var snapshot = Snapshot([ActualLeads(ActualStage("1", "NEW", "Новый"), ActualStage("2", "JUNK", "Мусор", S.Failure, 70), ActualStage("3", "OK", "Качественный", S.Success, 50))]);

        var step = Step(Plan(DesiredOf([leads]), snapshot, adopt: true), "stage/leads/JUNK");

        Assert.Equal(StepAction.Conflict, step.Action);
        Assert.Contains("cannot be changed", step.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ThePortalsUntouchedDefaultStageWordedOtherwise_IsKeptNotAConflict()
    {
        var leads = Leads(("NEW", "Не обработано", S.Process), ("OK", "Качественный лид", S.Success));
        var stock = ActualStage("1", "NEW", "Не обработан") with { System = true, InitialName = "Не обработан" };
        var snapshot = Snapshot([ActualLeads(stock, ActualStage("4", "OK", "Качественный лид", S.Success, 50))]);

        var plan = Plan(DesiredOf([leads]), snapshot);
        var step = Step(plan, "stage/leads/NEW");
        var adopted = Step(Plan(DesiredOf([leads]), snapshot, adopt: true), "stage/leads/NEW");

        Assert.Equal(("1", StepAction.Unchanged), (step.PortalId, step.Action));
        Assert.Empty(plan.Conflicts);
        Assert.Contains("default stage", step.Note, StringComparison.Ordinal);
        Assert.Contains("Не обработан → Не обработано", step.Note, StringComparison.Ordinal);
        Assert.Equal(StepAction.Adopt, adopted.Action);
    }

    [Theory]
    [InlineData(true, "Новые заявки")]
    [InlineData(false, "")]
    public void Plan_ADefaultStageAnAdminRenamedOrAStageTheAppDidNotMake_IsStillAConflict(bool system, string initialName)
    {
        var leads = Leads(("NEW", "Не обработано", S.Process), ("OK", "Качественный лид", S.Success));
        var renamed = ActualStage("1", "NEW", "Не обработан") with { System = system, InitialName = initialName };
        var snapshot = Snapshot([ActualLeads(renamed, ActualStage("4", "OK", "Качественный лид", S.Success, 50))]);

        var step = Step(Plan(DesiredOf([leads]), snapshot), "stage/leads/NEW");

        Assert.Equal(StepAction.Conflict, step.Action);
    }

    [Fact]
    public void Plan_SuccessStatusUnderAnotherCode_IsTheOneTheFunnelHas()
    {
        var leads = Leads(("NEW", "Первичный контакт", S.Process), ("ENROLLED", "Зачислен в группу", S.Success));
        var snapshot = Snapshot([ActualLeads(ActualStage("1", "NEW", "Первичный контакт"), ActualStage("4", "CONVERTED", "Качественный лид", S.Success, 50))]);

        var step = Step(Plan(DesiredOf([leads]), snapshot), "stage/leads/ENROLLED");
        var adopted = Step(Plan(DesiredOf([leads]), snapshot, adopt: true), "stage/leads/ENROLLED");

        Assert.Equal(("4", StepAction.Conflict), (step.PortalId, step.Action));
        Assert.Equal(StepAction.Adopt, adopted.Action);
    }

    [Fact]
    public void Plan_NewStageInAnExistingFlow_IsSlottedBetweenItsNeighbours()
    {
        var leads = Leads(("NEW", "Новый", S.Process), ("CALL", "Звонок", S.Process), ("OK", "Качественный", S.Success), ("LOST", "Отказ", S.Failure));
        var snapshot = Snapshot([ActualLeads(ActualStage("1", "NEW", "Новый", sort: 10), ActualStage("4", "OK", "Качественный", S.Success, 50), ActualStage("5", "JUNK", "Мусор", S.Failure, 60))]);

        var plan = Plan(DesiredOf([leads]), snapshot);

        var call = (StageStep)Step(plan, "stage/leads/CALL");
        var lost = (StageStep)Step(plan, "stage/leads/LOST");
        Assert.InRange(call.Sort!.Value, 11, 49);
        Assert.True(lost.Sort > 50, $"a failure went to {lost.Sort}, before the success stage");
    }

    [Fact]
    public void Plan_FieldOfAnotherType_IsAConflictNamingBothTypes()
    {
        var step = Step(Plan(DesiredOf(fields: [Field("KIND", FieldType.List, "Вид", ("A", "a"))]), Snapshot(fields: [ActualField("9", "KIND", FieldType.String, "Вид")]), adopt: true), "field/deal/KIND");

        Assert.Equal(StepAction.Conflict, step.Action);
        Assert.Contains("cannot change", step.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OurListFieldMissingAnItem_AddsItAndKeepsTheRest()
    {
        var desired = Field("KIND", FieldType.List, "Вид", ("TRUCK", "Грузовик"), ("BUS", "Автобус"));
        var actual = ActualField("9", "KIND", FieldType.List, "Вид", ("91", "TRUCK", "Грузовик"), ("92", "VAN", "Фургон"));
        var ledger = LedgerOf((desired.Key, Ours("9")));

        var step = (FieldStep)Step(Plan(DesiredOf(fields: [desired]), Snapshot(fields: [actual]), ledger), "field/deal/KIND");

        Assert.Equal(StepAction.Update, step.Action);
        Assert.Equal([("TRUCK", StepAction.Unchanged), ("BUS", StepAction.Create)], step.Items.Select(i => (i.Desired!.Code, i.Action)));
    }

    [Fact]
    public void Plan_ItemWithoutACodeOnThePortal_IsMatchedByName()
    {
        var desired = Field("KIND", FieldType.List, "Вид", ("ITEM_91", "Грузовик"));
        var actual = ActualField("9", "KIND", FieldType.List, "Вид", ("91", null, "Грузовик"));

        var step = Step(Plan(DesiredOf(fields: [desired]), Snapshot(fields: [actual])), "field/deal/KIND");

        Assert.Equal(StepAction.Unchanged, step.Action);
    }

    [Theory]
    [InlineData(false, StepAction.Keep)]
    [InlineData(true, StepAction.Delete)]
    public void Plan_OurStageNoLongerInTheTemplate_IsRemovedOnlyWithConsent(bool allowDestroy, StepAction expected)
    {
        var actual = ActualPipeline("5", "Мойка", false, ActualStage("51", "INFO", "Инфо", raw: "C5:INFO"), ActualStage("55", "OLD", "Старая", raw: "C5:OLD"), ActualStage("53", "WON", "Успешно", S.Success, 30));
        var flow = Pipeline("wash", "Мойка", false, ("INFO", "Инфо", S.Process), ("WON", "Успешно", S.Success));
        var ledger = LedgerOf((ResourceKey.Pipeline("wash"), Ours("5")), (ResourceKey.Stage("wash", "INFO"), Ours("51")), (ResourceKey.Stage("wash", "OLD"), Ours("55")), (ResourceKey.Stage("wash", "WON"), Ours("53")));

        var step = Step(Plan(DesiredOf([flow]), Snapshot([actual]), ledger, allowDestroy: allowDestroy), "stage/wash/OLD");

        Assert.Equal(expected, step.Action);
    }

    [Fact]
    public void Plan_StageAddedByAnAdmin_IsLeftAlone()
    {
        var actual = ActualPipeline("5", "Мойка", false, ActualStage("51", "INFO", "Инфо"), ActualStage("56", "EXTRA", "Добавил админ"), ActualStage("53", "WON", "Успешно", S.Success, 30));
        var flow = Pipeline("wash", "Мойка", false, ("INFO", "Инфо", S.Process), ("WON", "Успешно", S.Success));
        var ledger = LedgerOf((ResourceKey.Pipeline("wash"), Ours("5")), (ResourceKey.Stage("wash", "INFO"), Ours("51")), (ResourceKey.Stage("wash", "WON"), Ours("53")));

        var plan = Plan(DesiredOf([flow]), Snapshot([actual]), ledger, allowDestroy: true);

        Assert.False(plan.HasChanges);
        Assert.DoesNotContain(plan.Steps, s => s.PortalId == "56");
    }

    [Fact]
    public void Plan_PipelineCreatedByAnInterruptedApply_IsRecoveredNotCreatedTwice()
    {
        var pending = new LedgerEntry { Origin = LedgerOrigin.Pending, Name = "Мойка", KnownBefore = ["0"] };
        var snapshot = Snapshot([ActualPipeline("0", "Общая", true), ActualPipeline("9", "Мойка", false, ActualStage("91", "INFO", "Получение информации", raw: "C9:INFO"))]);

        var plan = Plan(DesiredOf([Wash]), snapshot, LedgerOf((ResourceKey.Pipeline("wash"), pending)));

        Assert.Equal(StepAction.Unchanged, Step(plan, "pipeline/wash").Action);
        Assert.Equal("9", plan.Recovered["pipeline/wash"]);
        Assert.Equal(StepAction.Create, Step(plan, "stage/wash/WASHING").Action);
    }

    [Fact]
    public void Plan_PendingPipelineWithTheNameOfAnOlderOne_IsNotMistakenForOurs()
    {
        var pending = new LedgerEntry { Origin = LedgerOrigin.Pending, Name = "Мойка", KnownBefore = ["0", "7"] };
        var snapshot = Snapshot([ActualPipeline("0", "Общая", true), ActualPipeline("7", "Мойка")]);

        var step = Step(Plan(DesiredOf([Wash]), snapshot, LedgerOf((ResourceKey.Pipeline("wash"), pending))), "pipeline/wash");

        Assert.Equal(StepAction.Conflict, step.Action);
    }

    [Fact]
    public void Plan_PartSkippedByPlan_KeepsItsLedgerEntries()
    {
        var skipped = new SkippedPart(ResourceKey.Pipeline("wash"), ResourceKind.Pipeline, "pipeline «Мойка»", "needs the standard plan; the portal is on basic", "standard");
        var ledger = LedgerOf((ResourceKey.Pipeline("wash"), Ours("5")), (ResourceKey.Stage("wash", "INFO"), Ours("51")));

        var plan = Plan(DesiredOf(skipped: [skipped]), Snapshot(), ledger, allowDestroy: true);

        Assert.Equal(StepAction.Skipped, Step(plan, "pipeline/wash").Action);
        Assert.DoesNotContain(plan.Steps, s => s.Action == StepAction.Delete);
    }

    [Theory]
    [InlineData(false, null, StepAction.Create)]
    [InlineData(true, "abc", StepAction.Unchanged)]
    [InlineData(true, "old", StepAction.Update)]
    public void Plan_Robot_IsRegisteredOnlyWhenMissingOrChanged(bool registered, string? fingerprint, StepAction expected)
    {
        var robot = new DesiredRobot(ResourceKey.Robot("crmc.x"), new Templates.Model.Robots.RobotDefinition { Code = "crmc.x", Name = LocalizedText.Plain("X") }, new Uri("https://app.example.com/api/bitrix24/robots/crmc.x"), "abc");
        var ledger = fingerprint is null ? LedgerOf() : LedgerOf((robot.Key, new LedgerEntry { PortalId = "crmc.x", Origin = LedgerOrigin.Created, Fingerprint = fingerprint }));

        var step = Step(Plan(DesiredOf(robots: [robot]), Snapshot(robots: registered ? ["crmc.x"] : []), ledger), "robot/crmc.x");

        Assert.Equal(expected, step.Action);
    }

    [Theory]
    [InlineData(true, StepAction.Create)]
    [InlineData(false, StepAction.Skipped)]
    public async Task Plan_BodyShopsRobots_SayWhichStagesAnAdminAddsThemTo(bool app, StepAction expected)
    {
        var loaded = await Templates.Loading.TemplateLoader.LoadFileAsync(Path.Combine(AppContext.BaseDirectory, "templates", "bitrix24", "body-shop.json"));
        var desired = DesiredStateBuilder.Build(loaded.Template!, new DesiredOptions { Plan = "professional", AppContext = app, HandlerBase = app ? new Uri("https://app.example.com/") : null });

        var plan = Plan(desired, Snapshot());

        var invoice = Step(plan, "robot/crmc.invoice");
        var payments = Step(plan, "robot/crmc.payments");
        Assert.Equal((expected, expected), (invoice.Action, payments.Action));
        Assert.Contains("an admin adds it to the robots of «Кузовной ремонт» → «Согласование»", invoice.Note, StringComparison.Ordinal);
        Assert.Contains("«Кузовной ремонт» → «Машина в работе», «Кузовной ремонт» → «Ждем оплату»", payments.Note, StringComparison.Ordinal);
        Assert.Equal(app, desired.Robots.Any(r => r.Placement is not null));
    }

    [Fact]
    public async Task Plan_RobotPlacement_IsNotPartOfTheRegistration()
    {
        var loaded = await Templates.Loading.TemplateLoader.LoadFileAsync(Path.Combine(AppContext.BaseDirectory, "templates", "bitrix24", "body-shop.json"));
        var options = new DesiredOptions { Plan = "professional", AppContext = true, HandlerBase = new Uri("https://app.example.com/") };
        var placed = DesiredStateBuilder.Build(loaded.Template!, options).Robots.Single(r => r.Definition.Code == "crmc.invoice");
        var unplaced = DesiredStateBuilder.Build(loaded.Template! with { Robots = [.. loaded.Template!.Robots.Select(r => r with { Placement = null })] }, options).Robots.Single(r => r.Definition.Code == "crmc.invoice");

        Assert.Equal(unplaced.Fingerprint, placed.Fingerprint);
    }

    [Fact]
    public void Summary_CountsByAction()
    {
        var plan = Plan(DesiredOf([Wash]), Snapshot());

        Assert.Equal("5 to create", plan.Summary());
    }

    [Fact]
    public void Plan_EventBindings_OnlineMatchedByHandler_OfflineByEventAlone()
    {
        var handler = new Uri("https://app.example.com/api/bitrix24/events");
        var desired = DesiredOf() with
        {
            Events =
            [
                new DesiredEvent(ResourceKey.Event("ONCRMDEALUPDATE", handler.AbsoluteUri), "ONCRMDEALUPDATE", handler),
                new DesiredEvent(ResourceKey.Event("ONCRMDEALUPDATE", EventBindingId.Offline), "ONCRMDEALUPDATE", handler, Offline: true),
                new DesiredEvent(ResourceKey.Event("ONCRMLEADADD", EventBindingId.Offline), "ONCRMLEADADD", handler, Offline: true),
            ],
        };

        // The portal has the online handler for deals, an offline binding for deals (no handler) and an online-only one for leads.
        var plan = Plan(desired, Snapshot() with
        {
            Events = [new("ONCRMDEALUPDATE", handler.AbsoluteUri, false), new("ONCRMDEALUPDATE", string.Empty, true), new("ONCRMLEADADD", handler.AbsoluteUri, false)],
        });

        Assert.Equal(StepAction.Unchanged, Step(plan, $"event/ONCRMDEALUPDATE|{handler.AbsoluteUri}").Action);
        Assert.Equal(StepAction.Unchanged, Step(plan, "event/ONCRMDEALUPDATE|offline").Action);
        Assert.Equal(StepAction.Create, Step(plan, "event/ONCRMLEADADD|offline").Action);
        Assert.Equal("ONCRMLEADADD|offline", desired.Events[2].PortalId);
        Assert.Equal("offline", EventBindingId.UnbindParameters(desired.Events[2].PortalId).Value<string>("event_type"));
        Assert.Equal(handler.AbsoluteUri, EventBindingId.UnbindParameters(desired.Events[0].PortalId).Value<string>("handler"));
    }
}
