using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>Every service method over real HTTP against a sandbox portal.</summary>
public sealed class ServiceTests : IAsyncLifetime
{
    private Bitrix24Sandbox _sandbox = null!;
    private Bitrix24Client _webhook = null!;
    private Bitrix24Client _app = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await Bitrix24Sandbox.StartAsync();
        _webhook = SandboxClients.Webhook(_sandbox);
        (_app, _) = await SandboxClients.InstallAsync(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _webhook.Dispose();
        _app.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Categories_AddUpdateGetListDelete_RoundTrip()
    {
        var categories = _webhook.Crm.Categories;

        var added = await categories.AddAsync(CategoryService.DealEntityTypeId, new CategoryAddRequest { Name = "Ремонт авто", Sort = 200 });
        await categories.UpdateAsync(CategoryService.DealEntityTypeId, added.Id, new CategoryAddRequest { Name = "Ремонт" });
        var fetched = await categories.GetAsync(CategoryService.DealEntityTypeId, added.Id);
        var listed = await categories.ListAsync(CategoryService.DealEntityTypeId);
        var stages = await _webhook.Crm.Statuses.ListAsync(StatusService.DealStages(added.Id));
        await categories.DeleteAsync(CategoryService.DealEntityTypeId, added.Id);
        var after = await categories.ListAsync(CategoryService.DealEntityTypeId);

        Assert.True(added.Id > 0);
        Assert.Equal("Ремонт", fetched.Name);
        Assert.Contains(listed, c => c.Id == 0 && c.IsDefault);
        Assert.Contains(listed, c => c.Id == added.Id);
        Assert.Equal($"C{added.Id}:NEW", stages[0].StatusId);
        Assert.DoesNotContain(after, c => c.Id == added.Id);
    }

    [Fact]
    public async Task Statuses_AddToPipeline_AreReadBackWithTheirPrefix()
    {
        var pipeline = await _webhook.Crm.Categories.AddAsync(CategoryService.DealEntityTypeId, new CategoryAddRequest { Name = "Мойка" });
        var statuses = _webhook.Crm.Statuses;

        var id = await statuses.AddAsync(new StatusAddRequest { EntityId = StatusService.DealStages(pipeline.Id), StatusId = "WASHING", Name = "Мойка", Sort = 15, Color = "#2FC6F6" });
        await statuses.UpdateAsync(id, new StatusUpdateRequest { Name = "Ожидание мойки/мойка" });
        var stage = await statuses.GetAsync(id);
        var types = await statuses.EntityTypesAsync();
        await statuses.DeleteAsync(id);
        var remaining = await statuses.ListAsync(StatusService.DealStages(pipeline.Id));

        Assert.Equal(($"C{pipeline.Id}:WASHING", "Ожидание мойки/мойка", pipeline.Id), (stage.StatusId, stage.Name, stage.CategoryId));
        Assert.NotEmpty(types);
        Assert.DoesNotContain(remaining, s => s.Id == id);
    }

    [Fact]
    public async Task Statuses_MoreThanAPage_AreListedInOneRequestBecauseTheMethodDoesNotPage()
    {
        var pipeline = await _webhook.Crm.Categories.AddAsync(CategoryService.DealEntityTypeId, new CategoryAddRequest { Name = "Длинная" });
        var added = await _webhook.BatchAsync(Enumerable.Range(1, 55).Select(i => new BatchCommand(
            $"s{i}",
            "crm.status.add",
            new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = StatusService.DealStages(pipeline.Id), ["STATUS_ID"] = $"S{i}", ["NAME"] = $"Этап {i}", ["SORT"] = i } })).ToList());
        added.EnsureSuccess();
        _sandbox.ResetStats();

        var stages = await _webhook.Crm.Statuses.ListAsync(StatusService.DealStages(pipeline.Id));

        Assert.True(stages.Count > 55, $"{stages.Count} stages");
        Assert.Equal(stages.Count, stages.Select(s => s.StatusId).Distinct().Count());
        Assert.Equal(1, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Statuses_Duplicate_RaisesTheValidationError()
    {
        var error = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() =>
            _webhook.Crm.Statuses.AddAsync(new StatusAddRequest { EntityId = "STATUS", StatusId = "NEW", Name = "Ещё новый" }));

        Assert.IsType<Bitrix24ValidationException>(error);
        Assert.Contains("already exists", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserFields_EnumerationWithItems_IsCreatedUpdatedAndListed()
    {
        var fields = _webhook.Crm.Deals.UserFields;

        var id = await fields.AddAsync(new UserFieldAddRequest
        {
            FieldName = "OBJECT_KIND",
            UserTypeId = "enumeration",
            Label = new JObject { ["ru"] = "Вид объекта", ["en"] = "Vehicle kind" },
            XmlId = "OBJECT_KIND",
            List = [new UserFieldListItem { Value = "Грузовик", XmlId = "TRUCK", Sort = 10 }, new UserFieldListItem { Value = "Автобус", XmlId = "BUS", Sort = 20 }],
        });
        var created = await fields.GetAsync(id);
        await fields.UpdateAsync(id, new UserFieldUpdateRequest { List = [new UserFieldListItem { Value = "После ДТП", XmlId = "AFTER_ACCIDENT", Sort = 30 }] });
        var updated = await fields.GetAsync(id);
        var listed = await fields.ListAsync();
        await fields.DeleteAsync(id);

        Assert.Equal(("UF_CRM_OBJECT_KIND", "enumeration"), (created.FieldName, created.UserTypeId));
        Assert.Equal(["TRUCK", "BUS"], created.List!.Select(i => i.XmlId));
        Assert.Equal(["TRUCK", "BUS", "AFTER_ACCIDENT"], updated.List!.Select(i => i.XmlId));
        Assert.Contains(listed, f => f.Id == id);
    }

    [Fact]
    public async Task Deals_AddGetUpdateListDelete_RoundTrip()
    {
        var deals = _webhook.Crm.Deals;

        var id = await deals.AddAsync(new JObject { ["TITLE"] = "Кузов", ["OPPORTUNITY"] = 15000 });
        await deals.UpdateAsync(id, new JObject { ["TITLE"] = "Кузов грузовика" });
        var deal = await deals.GetAsync(id);
        var fields = await deals.FieldsAsync();
        var listed = await deals.ListAsync(new JObject { ["ID"] = id }).ToListAsync();
        await deals.DeleteAsync(id);
        var gone = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => deals.GetAsync(id));

        Assert.Equal("Кузов грузовика", deal.Value<string>("TITLE"));
        Assert.Equal("NEW", deal.Value<string>("STAGE_ID"));
        Assert.True(fields.ContainsKey("TITLE"));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(listed).Value<string>("ID"));
        Assert.NotNull(gone);
    }

    [Theory]
    [InlineData("lead")]
    [InlineData("contact")]
    [InlineData("company")]
    public async Task Entities_Add_ReadBack(string entity)
    {
        var service = entity switch { "lead" => _webhook.Crm.Leads, "contact" => _webhook.Crm.Contacts, _ => _webhook.Crm.Companies };

        var id = await service.AddAsync(new JObject { ["TITLE"] = "Тест", ["NAME"] = "Иван" });
        var item = await service.GetAsync(id);

        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Value<string>("ID"));
    }

    [Fact]
    public async Task Items_AddGetUpdateListDelete_UseOriginalFieldNames()
    {
        await _webhook.Crm.Deals.UserFields.AddAsync(new UserFieldAddRequest { FieldName = "PAID", UserTypeId = "money", Label = "Внесено" });
        var items = _webhook.Crm.Items;

        var added = await items.AddAsync(2, new JObject { ["title"] = "Покраска", ["UF_CRM_PAID"] = "5000|RUB" });
        var id = added.Value<int>("id");
        var updated = await items.UpdateAsync(2, id, new JObject { ["opportunity"] = 20000 });
        var fetched = await items.GetAsync(2, id);
        var listed = await items.ListAsync(2, new JObject { ["id"] = id }).ToListAsync();
        var fields = await items.FieldsAsync(2);
        await items.DeleteAsync(2, id);

        Assert.Equal("5000|RUB", fetched.Value<string>("UF_CRM_PAID"));
        Assert.Equal(20000m, updated.Value<decimal>("opportunity"));
        Assert.Single(listed);
        Assert.NotEmpty(fields);
    }

    [Fact]
    public async Task TodoCommentTaskNotify_OnADeal_AreKeptByThePortal()
    {
        var dealId = await _webhook.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Отказ" });

        var todo = await _webhook.Crm.Todos.AddAsync(new TodoAddRequest { OwnerTypeId = 2, OwnerId = dealId, Deadline = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(3)), Title = "Повторный звонок", Description = "Причина: дорого" });
        var comment = await _webhook.Crm.TimelineComments.AddAsync(new TimelineCommentAddRequest { EntityId = dealId, EntityType = "deal", Comment = "Клиент просит перезвонить" });
        var task = await _webhook.Tasks.AddAsync(new TaskAddRequest { Title = "Контроль обучения", ResponsibleId = 2, Deadline = new DateTimeOffset(2026, 12, 15, 18, 0, 0, TimeSpan.Zero), CrmBindings = [$"D_{dealId}"] });
        var system = await _webhook.Notify.SystemAddAsync(2, "Новая сделка");
        var personal = await _webhook.Notify.PersonalAddAsync(2, "Проверьте сделку");
        var state = _sandbox.State().ToString();

        Assert.True(todo > 0 && comment > 0 && task > 0 && system > 0 && personal > 0);
        Assert.Contains("Повторный звонок", state, StringComparison.Ordinal);
        Assert.Contains("Клиент просит перезвонить", state, StringComparison.Ordinal);
        Assert.Contains("Контроль обучения", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Todo_ForAnItemThatDoesNotExist_IsNotFound()
    {
        var error = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() =>
            _webhook.Crm.Todos.AddAsync(new TodoAddRequest { OwnerTypeId = 2, OwnerId = 987654, Deadline = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero) }));

        Assert.Equal(Bitrix24ErrorCodes.OwnerNotFound, error.Code);
    }

    [Fact]
    public async Task Robots_AddTwice_IsAKnownOutcomeAndUpdateWorks()
    {
        var robot = new RobotAddRequest
        {
            Code = "crmc.admission",
            Handler = "https://app.example.com/api/bitrix24/robots/crmc.admission",
            Name = new JObject { ["ru"] = "Допуск", ["en"] = "Admission" },
            AuthUserId = 1,
            ReturnProperties = new JObject { ["admitted"] = new JObject { ["Name"] = "Допущен", ["Type"] = "bool" } },
            DocumentType = ["crm", "CCrmDocumentDeal", "DEAL"],
        };

        await _app.Bizproc.Robots.AddAsync(robot);
        var again = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => _app.Bizproc.Robots.AddAsync(robot));
        await _app.Bizproc.Robots.UpdateAsync(robot with { Name = "Допуск к тесту" });
        var listed = await _app.Bizproc.Robots.ListAsync();
        await _app.Bizproc.Robots.DeleteAsync(robot.Code);

        Assert.Equal(Bitrix24ErrorCodes.ActivityAlreadyInstalled, again.Code);
        Assert.Equal(["crmc.admission"], listed);
        Assert.Empty(await _app.Bizproc.Robots.ListAsync());
    }

    [Fact]
    public async Task Robots_ThroughAWebhook_NeedAppContext()
    {
        var error = await Assert.ThrowsAsync<Bitrix24AccessDeniedException>(() => _webhook.Bizproc.Robots.ListAsync());

        Assert.Equal(Bitrix24ErrorCodes.AccessDenied, error.Code);
    }

    [Fact]
    public async Task BizprocEventSend_ToARobotCall_ReturnsItsValues()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await _app.Bizproc.Robots.AddAsync(new RobotAddRequest { Code = "crmc.payments", Handler = new Uri(receiver.Url, "robots/crmc.payments").AbsoluteUri, Name = "Платежи" });
        var dealId = await _webhook.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Платежи" });

        var token = await _sandbox.RunRobotAsync("crmc.payments", $"DEAL_{dealId}");
        var call = await receiver.WaitForAsync(r => r.Path == "/robots/crmc.payments", TimeSpan.FromSeconds(10));
        await _app.Bizproc.Events.SendAsync(token, new JObject { ["paid"] = 5000 }, "пересчитано");
        var reuse = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => _app.Bizproc.Events.SendAsync(token));

        Assert.Equal(token, call["event_token"]);
        Assert.Equal($"DEAL_{dealId}", call["document_id[2]"]);
        Assert.Equal(_sandbox.App.ApplicationToken, call["auth[application_token]"]);
        Assert.Contains("5000", _sandbox.State().ToString(), StringComparison.Ordinal);
        Assert.IsType<Bitrix24AccessDeniedException>(reuse);
    }

    [Fact]
    public async Task Events_BindGetUnbind_AndDelivery()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var handler = new Uri(receiver.Url, "api/bitrix24/events").AbsoluteUri;

        await _app.Events.BindAsync(new EventBindRequest { Event = "ONCRMDEALADD", Handler = handler });
        var bound = await _app.Events.GetAsync();
        var dealId = await _webhook.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Событие" });
        var delivered = await receiver.WaitForAsync(r => r["event"] == "ONCRMDEALADD", TimeSpan.FromSeconds(10));
        var removed = await _app.Events.UnbindAsync("ONCRMDEALADD", handler);

        Assert.Contains(bound, b => b.Event.Equals("ONCRMDEALADD", StringComparison.OrdinalIgnoreCase) && b.Handler == handler);
        Assert.Equal(dealId.ToString(System.Globalization.CultureInfo.InvariantCulture), delivered["data[FIELDS][ID]"]);
        Assert.Equal(1, removed);
    }

    [Fact]
    public async Task OfflineEvents_ReservedThenCleared_AreGone()
    {
        await _app.Events.BindAsync(new EventBindRequest { Event = "ONCRMDEALUPDATE", EventType = "offline" });
        var dealId = await _webhook.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Офлайн" });
        await _webhook.Crm.Deals.UpdateAsync(dealId, new JObject { ["TITLE"] = "Офлайн 2" });
        await _webhook.Crm.Deals.UpdateAsync(dealId, new JObject { ["TITLE"] = "Офлайн 3" });

        var reserved = await _app.Events.Offline.GetAsync(new OfflineEventGetRequest { Clear = 0 });
        await _app.Events.Offline.ClearAsync(reserved.ProcessId!, [.. reserved.Events.Select(e => e.MessageId!)]);
        var remaining = await _app.Events.Offline.ListAsync();

        var single = Assert.Single(reserved.Events);
        Assert.Equal("ONCRMDEALUPDATE", single.EventName.ToUpperInvariant());
        Assert.Empty(remaining);
    }

    [Fact]
    public async Task AppInfoProfileScopeUsersDepartments_Answer()
    {
        var info = await _app.App.InfoAsync();
        var profile = await _webhook.ProfileAsync();
        var scopes = await _webhook.App.ScopeAsync();
        var users = await _webhook.Users.GetAsync();
        var departments = await _webhook.Users.DepartmentsAsync();
        var raw = await _webhook.CallAsync("crm.deal.fields");

        Assert.True(info.Installed);
        Assert.Equal("ru_pro100", info.License);
        Assert.True(profile.Admin);
        Assert.Contains("crm", scopes);
        Assert.Contains(users, u => u.Id == 4);
        Assert.Equal(4, departments.Single(d => d.Id == 2).HeadUserId);
        Assert.IsType<JObject>(raw.Result);
    }

    [Fact]
    public async Task AppInfo_ThroughAWebhook_NeedsAppContext()
    {
        await Assert.ThrowsAsync<Bitrix24AccessDeniedException>(() => _webhook.App.InfoAsync());
    }
}
