using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Installer.Tests.AmoCrm;

/// <summary>Plan, apply and uninstall of seed 003's online-school on a sandbox amoCRM account (7 requests a second).</summary>
public sealed class AmoApplyTests
{
    [Fact]
    public async Task Apply_OnlineSchoolOnAFreshAccount_InstallsEveryPartOfTheSeed()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        var template = AmoSandboxInstall.OnlineSchool;

        var plan = await account.Installer.PlanAsync(template, AmoSandboxInstall.Options());
        var result = await account.Installer.ApplyAsync(plan);

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.Empty(plan.Conflicts);
        var pipelines = (JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/leads/pipelines"))!["_embedded"]!["pipelines"]!;
        foreach (var wanted in template.Pipelines)
        {
            var pipeline = Assert.Single(pipelines, p => (string?)p["name"] == wanted.Name.Get());
            var statuses = ((JArray)pipeline["_embedded"]!["statuses"]!).Where(s => (int?)s["type"] != 1).OrderBy(s => (int)s["sort"]!).ToList();
            Assert.Equal(wanted.Stages.Select(s => s.Name.Get()), statuses.Select(s => (string?)s["name"]));
            Assert.Equal(142L, (long)statuses[^2]["id"]!);
            Assert.Equal(143L, (long)statuses[^1]["id"]!);
        }

        Assert.True((bool)Assert.Single(pipelines, p => (string?)p["name"] == "Продажа курса")["is_main"]!);
        var leadFields = await FieldsAsync(account, "leads");
        var course = Assert.Single(leadFields, f => (string?)f["code"] == "COURSE");
        Assert.Equal("select", (string?)course["type"]);
        Assert.Equal(["Основы программирования", "Дизайн", "PHP", "JavaScript"], course["enums"]!.Select(e => (string?)e["value"]));
        Assert.Equal("date_time", (string?)Assert.Single(leadFields, f => (string?)f["code"] == "WEBINAR_START")["type"]);
        Assert.DoesNotContain(leadFields, f => (string?)f["code"] == "LOSS_REASON");
        Assert.Equal("birthday", (string?)Assert.Single(await FieldsAsync(account, "contacts"), f => (string?)f["code"] == "BIRTHDAY")["type"]);
        Assert.Equal(11, (await FieldsAsync(account, "companies")).Count(f => template.Fields.Company.Any(c => c.Code == (string?)f["code"])));

        var reasons = (JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/leads/loss_reasons"))!["_embedded"]!["loss_reasons"]!;
        Assert.Equal(template.Fields.Deal.Single(f => f.Code == "LOSS_REASON").Items.Select(i => i.Name.Get()), reasons.Select(r => (string?)r["name"]));
        var roles = (JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/roles"))!["_embedded"]!["roles"]!;
        Assert.Equal(["Администратор", "РОП", "Менеджер"], roles.Select(r => (string?)r["name"]));
        var manager = roles.Single(r => (string?)r["name"] == "Менеджер")["rights"]!;
        Assert.Equal(("A", "M", "D", "D"), ((string?)manager["leads"]!["view"], (string?)manager["leads"]!["edit"], (string?)manager["leads"]!["delete"], (string?)manager["leads"]!["export"]));
        var head = roles.Single(r => (string?)r["name"] == "РОП")["rights"]!;
        Assert.Equal(("A", "A"), ((string?)head["contacts"]!["edit"], (string?)head["tasks"]!["edit"]));
    }

    [Fact]
    public async Task Apply_OnlineSchool_TakesAtMostTwelveRequestsAndAReapplyAtMostSixAndWritesNothing()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        var template = AmoSandboxInstall.OnlineSchool;
        account.Sandbox.Stats.Reset();

        var fresh = await account.Installer.ApplyAsync(await account.Installer.PlanAsync(template, AmoSandboxInstall.Options()));
        var freshRequests = account.Sandbox.Stats.Requests;
        var throttled = account.Sandbox.Stats.Throttled;
        account.Sandbox.Stats.Reset();
        var again = await account.Installer.PlanAsync(template, AmoSandboxInstall.Options());
        var reapply = await account.Installer.ApplyAsync(again);

        Assert.True(fresh.Succeeded, string.Join('\n', fresh.Failures));
        Assert.True(freshRequests <= 12, $"fresh apply: {freshRequests} requests");
        Assert.Equal(0, throttled);
        Assert.False(again.HasChanges, string.Join('\n', again.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}: {string.Join(", ", s.Changes)}")));
        Assert.True(account.Sandbox.Stats.Requests <= 6, $"re-apply: {account.Sandbox.Stats.Requests} requests");
        Assert.Equal(0, account.Sandbox.Stats.Writes);
        Assert.Equal(0, reapply.Created + reapply.Updated + reapply.Deleted);
    }

    [Fact]
    public async Task Apply_AfterAnAdminRenamedOurStatusAndMadeAFieldOfTheSameCode_RenamesOursBackAndLeavesTheirsAlone()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        var template = AmoSandboxInstall.OnlineSchool with { Fields = AmoSandboxInstall.OnlineSchool.Fields with { Contact = [] } };
        await account.Installer.ApplyAsync(await account.Installer.PlanAsync(template, AmoSandboxInstall.Options()));
        var (pipelineId, statusId) = await StatusAsync(account, "Продажа курса", "Квалифицирован");
        await account.SendAsync(HttpMethod.Patch, $"/api/v4/leads/pipelines/{pipelineId}/statuses/{statusId}", new JObject { ["name"] = "Квалиф." });
        await account.SendAsync(HttpMethod.Post, "/api/v4/contacts/custom_fields", new JArray(new JObject { ["name"] = "Пол клиента", ["type"] = "text", ["code"] = "GENDER" }));

        var plan = await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options());
        var result = await account.Installer.ApplyAsync(plan);

        var renamed = plan.Steps.Single(s => s.Key.ToString() == "stage/course-sale/QUALIFIED");
        Assert.Equal(StepAction.Update, renamed.Action);
        var gender = plan.Steps.Single(s => s.Key.ToString() == "field/contact/GENDER");
        Assert.Equal(StepAction.Conflict, gender.Action);
        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.Equal(statusId, (await StatusAsync(account, "Продажа курса", "Квалифицирован")).StatusId);
        Assert.Equal("text", (string?)Assert.Single(await FieldsAsync(account, "contacts"), f => (string?)f["code"] == "GENDER")["type"]);

        var adopted = await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options(adopt: true));
        Assert.Equal(StepAction.Conflict, adopted.Steps.Single(s => s.Key.ToString() == "field/contact/GENDER").Action);
        Assert.Contains("type cannot change", adopted.Steps.Single(s => s.Key.ToString() == "field/contact/GENDER").Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ExistingRoleAndLossReasonOfTheSameName_AreFoundAndOnlyAdoptedWithConsent()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        await account.SendAsync(HttpMethod.Post, "/api/v4/roles", new JArray(new JObject
        {
            ["name"] = "Менеджер",
            ["rights"] = new JObject { ["leads"] = new JObject { ["view"] = "A", ["add"] = "A", ["edit"] = "A", ["delete"] = "A", ["export"] = "A" } },
        }));
        await account.SendAsync(HttpMethod.Post, "/api/v4/leads/loss_reasons", new JArray(new JObject { ["name"] = "Дорого", ["sort"] = 1 }));

        var plan = await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options());
        var adopt = await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options(adopt: true));
        await account.Installer.ApplyAsync(adopt);

        Assert.Equal(StepAction.Conflict, plan.Steps.Single(s => s.Key.ToString() == "role/manager").Action);
        Assert.Equal(StepAction.Unchanged, plan.Steps.Single(s => s.Key.ToString() == "reason/EXPENSIVE").Action);
        Assert.Equal(StepAction.Adopt, adopt.Steps.Single(s => s.Key.ToString() == "role/manager").Action);
        var roles = (JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/roles"))!["_embedded"]!["roles"]!;
        Assert.Equal("M", (string?)Assert.Single(roles, r => (string?)r["name"] == "Менеджер")["rights"]!["leads"]!["edit"]);
        var reasons = (JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/leads/loss_reasons"))!["_embedded"]!["loss_reasons"]!;
        Assert.Single(reasons, r => (string?)r["name"] == "Дорого");
    }

    [Fact]
    public async Task Apply_FieldRequiredFromAStage_BecomesAmoCrmsRequiredStatusesAndNotARuleOfTheApp()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        var school = AmoSandboxInstall.OnlineSchool;
        var template = school with
        {
            Fields = school.Fields with
            {
                Deal = [.. school.Fields.Deal.Select(f => f.Code == "COURSE" ? f with { RequiredFrom = [new StageRef { Pipeline = "course-sale", Stage = "TRIAL_SET" }] } : f)],
            },
        };

        var plan = await account.Installer.PlanAsync(template, AmoSandboxInstall.Options());
        var result = await account.Installer.ApplyAsync(plan);
        var again = await account.Installer.PlanAsync(template, AmoSandboxInstall.Options());

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.DoesNotContain(plan.Steps, s => s.Key.ToString().StartsWith("automation/required/", StringComparison.Ordinal));
        var course = Assert.Single(await FieldsAsync(account, "leads"), f => (string?)f["code"] == "COURSE");
        var required = course["required_statuses"]!.Select(r => (long)r["status_id"]!).ToHashSet();
        var wanted = new List<long>();
        foreach (var stage in new[] { "Назначен пробный урок", "Пробный урок проведен", "Счет выставлен", "Успешно реализовано" })
        {
            wanted.Add((await StatusAsync(account, "Продажа курса", stage)).StatusId);
        }

        Assert.Equal(wanted.ToHashSet(), required);
        Assert.False(again.HasChanges, string.Join('\n', again.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}: {string.Join(", ", s.Changes)}")));
    }

    [Fact]
    public async Task Apply_StoppedWhenTheFieldsRequestsAnswerWasLost_IsFinishedByTheNextApplyWithoutDuplicates()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        _ = account.Sandbox.Faults.DropAnswerAfterWrite("POST /api/v4/leads/custom_fields");

        var first = await account.Installer.ApplyAsync(await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options()));
        account.Sandbox.Faults.Clear();
        var resume = await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options());
        var second = await account.Installer.ApplyAsync(resume);
        var third = await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options());

        Assert.False(first.Succeeded);
        Assert.Contains(first.Failures, f => f.Key.ToString() == "field/deal/COURSE");
        Assert.Equal(StepAction.Unchanged, resume.Steps.Single(s => s.Key.ToString() == "field/deal/COURSE").Action);
        Assert.True(second.Succeeded, string.Join('\n', second.Failures));
        Assert.Single(await FieldsAsync(account, "leads"), f => (string?)f["code"] == "COURSE");
        Assert.Equal(4, ((JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/leads/pipelines"))!["_embedded"]!["pipelines"]!).Count(p => AmoSandboxInstall.OnlineSchool.Pipelines.Any(t => t.Name.Get() == (string?)p["name"])));
        Assert.False(third.HasChanges);
    }

    [Fact]
    public async Task Uninstall_RemovesOnlyWhatTheAppCreated_AndKeepsAPipelineHoldingALead()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        await account.SendAsync(HttpMethod.Post, "/api/v4/roles", new JArray(new JObject { ["name"] = "Бухгалтер", ["rights"] = new JObject() }));
        await account.Installer.ApplyAsync(await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options()));
        var (webinar, registered) = await StatusAsync(account, "Вебинар", "Зарегистрирован на вебинар");
        await account.SendAsync(HttpMethod.Post, "/api/v4/leads", new JArray(new JObject { ["name"] = "Иванов", ["pipeline_id"] = webinar, ["status_id"] = registered }));

        var result = await account.Installer.UninstallAsync("online-school");

        var pipelines = ((JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/leads/pipelines"))!["_embedded"]!["pipelines"]!).Select(p => (string?)p["name"]).ToList();
        Assert.Equal(["Вебинар", "Воронка"], pipelines.Order(StringComparer.Ordinal));
        Assert.Contains(result.Kept, k => k.StartsWith("pipeline webinar", StringComparison.Ordinal));
        Assert.DoesNotContain(await FieldsAsync(account, "leads"), f => (string?)f["code"] == "COURSE");
        var roles = ((JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/roles"))!["_embedded"]!["roles"]!).Select(r => (string?)r["name"]);
        Assert.Equal(["Бухгалтер"], roles);
        Assert.Null(await account.SendAsync(HttpMethod.Get, "/api/v4/leads/loss_reasons"));
    }

    [Fact]
    public async Task Export_OfAnInstalledAccount_PlansBackWithNoChanges()
    {
        await using var account = await AmoSandboxInstall.StartAsync();
        await account.Installer.ApplyAsync(await account.Installer.PlanAsync(AmoSandboxInstall.OnlineSchool, AmoSandboxInstall.Options()));

        var exported = await account.Installer.ExportAsync("exported-school");
        var text = Templates.Serialization.TemplateJson.Serialize(exported.Template);
        var loaded = Templates.Loading.TemplateLoader.LoadText(text, "export");
        var plan = await account.Installer.PlanAsync(loaded.Template!, AmoSandboxInstall.Options());

        Assert.True(loaded.IsValid, string.Join('\n', loaded.Errors));
        Assert.Equal(CrmKind.AmoCrm, exported.Template.Crm);
        Assert.Equal(3, exported.Template.Roles.Count);
        Assert.False(plan.HasChanges, string.Join('\n', plan.Steps.Where(s => s.Writes).Select(s => $"{s.Action} {s.Title}: {string.Join(", ", s.Changes)}")));
    }

    private static async Task<List<JToken>> FieldsAsync(AmoSandboxInstall account, string entity)
    {
        var fields = new List<JToken>();
        for (var page = 1; ; page++)
        {
            var answer = await account.SendAsync(HttpMethod.Get, $"/api/v4/{entity}/custom_fields?page={page}&limit=50");
            if (answer is null)
            {
                return fields;
            }

            fields.AddRange(answer["_embedded"]!["custom_fields"]!);
            if (answer["_links"]?["next"] is null)
            {
                return fields;
            }
        }
    }

    private static async Task<(long PipelineId, long StatusId)> StatusAsync(AmoSandboxInstall account, string pipeline, string status)
    {
        var pipelines = (JArray)(await account.SendAsync(HttpMethod.Get, "/api/v4/leads/pipelines"))!["_embedded"]!["pipelines"]!;
        var found = pipelines.Single(p => (string?)p["name"] == pipeline);
        return ((long)found["id"]!, (long)found["_embedded"]!["statuses"]!.Single(s => (string?)s["name"] == status)["id"]!);
    }
}
