using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Installer.Tests.Portal;

/// <summary>Plan and apply against a sandbox portal: fresh, again, edited by hand, taken over, interrupted, on smaller plans.</summary>
public sealed class ApplyTests
{
    [Fact]
    public async Task Apply_DrivingSchoolOnAnEmptyPortal_BuildsItAndAReapplyWritesNothing()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("driving-school");

        var result = await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var again = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        portal.Sandbox.ResetStats();
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var reapplyRequests = portal.Sandbox.Stats.Requests;
        var reapplyMethods = string.Join(", ", portal.Sandbox.Stats.Methods.Select(m => $"{m.Key}={m.Value}"));

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        foreach (var pipeline in template.Pipelines)
        {
            var stages = await PortalView.StagesAsync(portal.Client, pipeline.Name.Get());
            Assert.Equal(pipeline.Stages.Select(s => s.Name.Get()), stages.Select(s => s.Name));
            Assert.Equal(pipeline.Stages.Select(s => Bitrix24Semantics(s.Semantics)), stages.Select(s => s.Semantics));
        }

        var lossReason = Assert.Single(await portal.Client.Crm.Deals.UserFields.ListAsync(), f => f.FieldName == "UF_CRM_LOSS_REASON");
        Assert.Equal(["EXPENSIVE", "COMPETITOR", "CONDITIONS_CHANGED", "BAD_TIME", "NOT_WITH_SCHOOLS", "NO_FREE_TIME"], lossReason.List!.Select(i => i.XmlId));
        Assert.Equal(["crmc.admission_scoring"], await portal.Client.Bizproc.Robots.ListAsync());
        Assert.False(again.HasChanges, string.Join('\n', again.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}")));
        Assert.True(reapplyRequests == 1, reapplyMethods);
    }

    /// <summary>
    /// A fresh portal's lead statuses are its own (NEW «Не обработан» …); the template words NEW «Не обработано». The
    /// first plan on an empty portal has no conflict to act on, and leaves the portal's status as it was.
    /// </summary>
    [Theory]
    [InlineData("driving-school")]
    [InlineData("auto-dealer")]
    [InlineData("driving-school-office")]
    [InlineData("body-shop")]
    public async Task Plan_EveryBitrix24TemplateOnAFreshPortal_HasNoConflictAndRenamesNothingOfThePortals(string name)
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template(name);

        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        var result = await portal.Installer.ApplyAsync(plan);
        var leadStatuses = await portal.Client.Crm.Statuses.ListAsync("STATUS");

        Assert.Empty(plan.Conflicts.Select(c => $"{c.Title}: {c.Note}"));
        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.Equal(0, result.Adopted);
        Assert.Contains(leadStatuses, s => s.StatusId == "NEW" && s.Name == "Не обработан");
    }

    [Theory]
    [InlineData("driving-school")]
    [InlineData("auto-dealer")]
    [InlineData("driving-school-office")]
    [InlineData("body-shop")]
    public async Task Apply_EveryBitrix24Template_SucceedsAndThenHasNothingToDo(string name)
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template(name);

        var result = await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options(adopt: true)));
        portal.Sandbox.ResetStats();
        var again = await portal.Installer.PlanAsync(template, SandboxInstall.Options());

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.True(result.Requests <= 3, $"{result.Requests} write requests");
        Assert.False(again.HasChanges, string.Join('\n', again.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}")));
        Assert.Empty(again.Conflicts);
        Assert.Equal(1, portal.Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Apply_OneCommandPerRequest_BuildsTheSameAndReadsChainedPagesThatEndEarly()
    {
        await using var portal = await SandboxInstall.StartAsync(commandsPerBatch: 1);
        var template = SandboxInstall.Template("body-shop");

        var result = await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var again = await portal.Installer.PlanAsync(template, SandboxInstall.Options());

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.True(result.Requests > 10, $"{result.Requests} requests");
        Assert.False(again.HasChanges, string.Join('\n', again.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}")));
    }

    [Fact]
    public async Task Plan_AmoCrmTemplateOnABitrix24Portal_IsRefusedNamingBoth()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var loaded = await TemplateLoader.LoadFileAsync(Path.Combine(AppContext.BaseDirectory, "templates", "amocrm", "online-school.json"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => portal.Installer.PlanAsync(loaded.Template!, SandboxInstall.Options()));

        Assert.True(loaded.IsValid);
        Assert.Contains("for amocrm, but the portal is bitrix24", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, portal.Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Apply_BasicPlan_InstallsWhatFitsAndListsTheRestWithThePlanThatWouldIncludeIt()
    {
        await using var portal = await SandboxInstall.StartAsync("basic");
        var template = SandboxInstall.Template("driving-school");

        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options(adopt: true));
        var result = await portal.Installer.ApplyAsync(plan);
        var pipelines = await PortalView.PipelinesAsync(portal.Client);

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.Equal(["Новый клиент", "Повторное обучение"], pipelines.Select(p => p.Name).Order());
        Assert.True(Assert.Single(pipelines, p => p.Name == "Новый клиент").IsDefault, "the main pipeline should take over the default one on a 2-pipeline plan");
        var skipped = plan.Steps.OfType<SkippedStep>().ToList();
        Assert.Contains(skipped, s => s.Title == "pipeline «Подбор инструкторов»" && s.Part.RequiredPlan == "standard");
        Assert.Contains(skipped, s => s.Title == "lead funnel" && s.Part.RequiredPlan == "standard");
        Assert.Contains(skipped, s => s.Key.ToString() == "robot/crmc.admission_scoring" && s.Part.RequiredPlan == "professional");
        Assert.Empty(await portal.Client.Bizproc.Robots.ListAsync());
    }

    [Fact]
    public async Task Plan_FreePlan_MainPipelineNeedsConsentToTakeOverTheDefaultOne()
    {
        await using var portal = await SandboxInstall.StartAsync("free");
        var template = SandboxInstall.Template("driving-school");

        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options());

        var main = Assert.Single(plan.Steps.OfType<FlowStep>());
        Assert.Equal(StepAction.Conflict, main.Action);
        Assert.Contains("--adopt", main.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_AfterAnAdminEditedThePortal_RestoresOursAndLeavesTheirs()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("auto-dealer");
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var wash = Assert.Single(await PortalView.PipelinesAsync(portal.Client), p => p.Name == "Мойка");
        await portal.Client.Crm.Categories.UpdateAsync(2, wash.Id, new CategoryAddRequest { Name = "Мойка авто" });
        var extraId = await portal.Client.Crm.Statuses.AddAsync(new StatusAddRequest { EntityId = $"DEAL_STAGE_{wash.Id}", StatusId = "POLISH", Name = "Полировка", Sort = 15 });
        var service = Assert.Single(await portal.Client.Crm.Leads.UserFields.ListAsync(), f => f.FieldName == "UF_CRM_SERVICE");
        await portal.Client.Crm.Leads.UserFields.UpdateAsync(service.Id, new UserFieldUpdateRequest { List = [new UserFieldListItem { Id = service.List![0].Id, Value = "Ремонт" }] });

        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        var result = await portal.Installer.ApplyAsync(plan);
        var after = await portal.Installer.PlanAsync(template, SandboxInstall.Options());

        Assert.Equal(StepAction.Update, plan.Steps.Single(s => s.Key.ToString() == "pipeline/wash").Action);
        Assert.Equal(StepAction.Update, plan.Steps.Single(s => s.Key.ToString() == "field/lead/SERVICE").Action);
        Assert.DoesNotContain(plan.Steps, s => s.PortalId == extraId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.False(after.HasChanges);
        Assert.Contains(await PortalView.StagesAsync(portal.Client, "Мойка"), s => s.Name == "Полировка");
    }

    [Fact]
    public async Task Apply_SameNamedObjectsThatAreNotOurs_AreConflictsUntilAdoptedAndNeverRemoved()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("auto-dealer");
        var existing = await portal.Client.Crm.Categories.AddAsync(2, new CategoryAddRequest { Name = "Мойка" });
        await portal.Client.Crm.Deals.UserFields.AddAsync(new UserFieldAddRequest { FieldName = "CAR_MODEL", UserTypeId = "string", Label = "Машина клиента" });
        var before = await PortalView.StagesAsync(portal.Client, "Мойка");

        var refused = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        await portal.Installer.ApplyAsync(refused);
        var untouched = await PortalView.StagesAsync(portal.Client, "Мойка");
        var adopted = await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options(adopt: true)));
        var after = await PortalView.StagesAsync(portal.Client, "Мойка");
        var uninstall = await portal.Installer.UninstallAsync(template.Key);

        Assert.Equal(StepAction.Conflict, refused.Steps.Single(s => s.Key.ToString() == "pipeline/wash").Action);
        Assert.Equal(StepAction.Conflict, refused.Steps.Single(s => s.Key.ToString() == "field/deal/CAR_MODEL").Action);
        Assert.Equal(before.Select(s => s.StatusId), untouched.Select(s => s.StatusId));
        Assert.True(adopted.Succeeded, string.Join('\n', adopted.Failures));
        Assert.True(adopted.Adopted >= 2);
        Assert.Superset(before.Select(s => s.StatusId).ToHashSet(), after.Select(s => s.StatusId).ToHashSet());
        Assert.Contains(after, s => s.StatusId == $"C{existing.Id}:WASHING");
        Assert.Contains(await PortalView.PipelinesAsync(portal.Client), p => p.Id == existing.Id);
        Assert.Contains(await portal.Client.Crm.Deals.UserFields.ListAsync(), f => f.FieldName == "UF_CRM_CAR_MODEL");
        Assert.Contains(uninstall.Kept, k => k.Contains("pipeline/wash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_ConnectionLostAfterTheFirstWrite_NextApplyFinishesWithoutDuplicates()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("driving-school");
        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        portal.Sandbox.Faults.DropAfterRate = 1;

        await Assert.ThrowsAsync<Bitrix24TransportException>(() => portal.Installer.ApplyAsync(plan));
        portal.Sandbox.Faults.DropAfterRate = 0;
        var result = await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var again = await portal.Installer.PlanAsync(template, SandboxInstall.Options());

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.False(again.HasChanges, string.Join('\n', again.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}")));
        await AssertBuiltOnceAsync(portal, template);
    }

    [Fact]
    public async Task Apply_ConnectionLostAfterTheSecondWrite_NextApplyFinishesWithoutDuplicates()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("driving-school");
        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        var writes = 0;
        var dropSecond = new SyncProgress(p =>
        {
            // Reported as round one's results come in: from then on the connection drops after each call.
            if (Interlocked.Increment(ref writes) == 1)
            {
                portal.Sandbox.Faults.DropAfterRate = 1;
            }
        });

        await Assert.ThrowsAsync<Bitrix24TransportException>(() => portal.Installer.ApplyAsync(plan, dropSecond));
        portal.Sandbox.Faults.DropAfterRate = 0;
        var result = await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var again = await portal.Installer.PlanAsync(template, SandboxInstall.Options());

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.False(again.HasChanges, string.Join('\n', again.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}")));
        await AssertBuiltOnceAsync(portal, template);
    }

    [Fact]
    public async Task Uninstall_RemovesWhatTheAppCreatedExceptWhatHoldsData()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("body-shop");
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var pipeline = Assert.Single(await PortalView.PipelinesAsync(portal.Client), p => p.Name == "Кузовной ремонт");
        await portal.Client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Бензовоз", ["CATEGORY_ID"] = pipeline.Id, ["UF_CRM_PAID"] = "15000|RUB" });

        var result = await portal.Installer.UninstallAsync(template.Key);
        var fields = await portal.Client.Crm.Deals.UserFields.ListAsync();

        Assert.Contains(result.Kept, k => k.StartsWith("pipeline body-repair", StringComparison.Ordinal));
        Assert.Contains(result.Kept, k => k.StartsWith("field deal/PAID", StringComparison.Ordinal));
        Assert.Equal(["UF_CRM_PAID"], fields.Select(f => f.FieldName));
        Assert.Empty(await portal.Client.Bizproc.Robots.ListAsync());
        Assert.Contains(await PortalView.PipelinesAsync(portal.Client), p => p.Id == pipeline.Id);
    }

    [Fact]
    public async Task Export_ThenPlanTheExportOnTheSamePortal_ChangesNothing()
    {
        await using var portal = await SandboxInstall.StartAsync();
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(SandboxInstall.Template("auto-dealer"), SandboxInstall.Options()));

        var exported = await portal.Installer.ExportAsync("exported");
        var reloaded = TemplateLoader.LoadText(Templates.Serialization.TemplateJson.Serialize(exported.Template), "exported.json");
        var plan = await portal.Installer.PlanAsync(reloaded.Template!, SandboxInstall.Options());

        Assert.True(reloaded.IsValid, string.Join('\n', reloaded.Diagnostics));
        Assert.Equal(4, exported.Template.Pipelines.Count);
        Assert.False(plan.HasChanges, string.Join('\n', plan.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}")));
        Assert.Empty(plan.Conflicts);
    }

    private static async Task AssertBuiltOnceAsync(SandboxInstall portal, CrmTemplate template)
    {
        var pipelines = await PortalView.PipelinesAsync(portal.Client);
        foreach (var pipeline in template.Pipelines)
        {
            var stages = await PortalView.StagesAsync(portal.Client, pipeline.Name.Get());
            Assert.Equal(pipeline.Stages.Select(s => s.Name.Get()), stages.Select(s => s.Name));
        }

        Assert.Equal(template.Pipelines.Count + 1, pipelines.Count);
        var fields = await portal.Client.Crm.Deals.UserFields.ListAsync();
        Assert.Equal(fields.Count, fields.Select(f => f.FieldName).Distinct().Count());
        Assert.Equal(template.Fields.Deal.Count, fields.Count);
    }

    private static string? Bitrix24Semantics(StageSemantics semantics) => semantics switch
    {
        StageSemantics.Success => "S",
        StageSemantics.Failure => "F",
        _ => null,
    };

    private sealed class SyncProgress(Action<ApplyProgress> report) : IProgress<ApplyProgress>
    {
        public void Report(ApplyProgress value) => report(value);
    }
}
