using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// Everything the portal holds. Not thread-safe by itself: every reader and writer holds <see cref="Gate"/> (requests
/// run in parallel; one lock is simple and correct).
/// </summary>
internal sealed class PortalState
{
    private readonly Dictionary<string, int> _sequences = new(StringComparer.Ordinal);

    public PortalState()
    {
        Items = EntityKind.All.ToDictionary(e => e.Code, e => new ItemTable(e), StringComparer.Ordinal);
        SeedUsers();
        foreach (var (statusId, name, sort, semantics) in DefaultStatuses.LeadStatuses)
        {
            AddSystemStatus("STATUS", statusId, name, sort, null, semantics);
        }

        var sourceSort = 10;
        foreach (var (statusId, name) in DefaultStatuses.Sources)
        {
            AddSystemStatus("SOURCE", statusId, name, sourceSort, null, null);
            sourceSort += 10;
        }

        // §6.1: the default deal pipeline is id 0 ("General"; «Общая» on a Russian portal), isDefault Y.
        AddCategory("Общая", 500, isDefault: true, id: 0);
    }

    public Lock Gate { get; } = new();

    public SortedDictionary<int, Category> Categories { get; } = [];

    public SortedDictionary<int, StageStatus> Statuses { get; } = [];

    public SortedDictionary<int, UserField> UserFields { get; } = [];

    public IReadOnlyDictionary<string, ItemTable> Items { get; }

    public SortedDictionary<int, TodoActivity> Todos { get; } = [];

    public SortedDictionary<int, EmailActivity> Emails { get; } = [];

    public SortedDictionary<int, SmartInvoice> Invoices { get; } = [];

    public SortedDictionary<int, TimelineComment> Comments { get; } = [];

    public SortedDictionary<int, PortalTask> Tasks { get; } = [];

    /// <summary>Task tags by text → id: a tag used again keeps its id.</summary>
    public Dictionary<string, int> TaskTagIds { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, Notification> Notifications { get; } = [];

    public SortedDictionary<string, Robot> Robots { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RobotCall> RobotCalls { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, EventBinding> Bindings { get; } = [];

    /// <summary>Widget handlers the app bound with placement.bind, by id (in binding order).</summary>
    public SortedDictionary<int, PlacementBinding> Placements { get; } = [];

    public SortedDictionary<int, OfflineEvent> OfflineEvents { get; } = [];

    /// <summary>When each ONOFFLINEEVENT binding was last notified (§4.6 minTimeout), by binding id.</summary>
    public Dictionary<int, DateTimeOffset> OfflineNotices { get; } = [];

    /// <summary>ONOFFLINEEVENT bindings with a notification waiting for their minTimeout to pass.</summary>
    public HashSet<int> OfflineNoticesDeferred { get; } = [];

    public SortedDictionary<int, PortalUser> Users { get; } = [];

    public SortedDictionary<int, Department> Departments { get; } = [];

    public ItemTable Table(EntityKind entity) => Items[entity.Code];

    public int NextId(string sequence)
    {
        var next = _sequences.GetValueOrDefault(sequence) + 1;
        _sequences[sequence] = next;
        return next;
    }

    /// <summary>Adds a pipeline and fills it with the default stages (§6.1).</summary>
    public Category AddCategory(string name, int sort, bool isDefault = false, int? id = null)
    {
        var category = new Category(id ?? NextId("category"), name, sort, isDefault);
        Categories[category.Id] = category;
        foreach (var (statusId, stageName, stageSort, semantics) in DefaultStatuses.DealStages)
        {
            AddSystemStatus(category.StageEntityId, DefaultStatuses.Truncate(category.StagePrefix + statusId), stageName, stageSort, category.Id, semantics);
        }

        return category;
    }

    public IEnumerable<StageStatus> StatusesOf(string entityId) =>
        Statuses.Values.Where(s => string.Equals(s.EntityId, entityId, StringComparison.Ordinal));

    /// <summary>The stages of a pipeline in SORT order.</summary>
    public IReadOnlyList<StageStatus> StagesOf(Category category) =>
        [.. StatusesOf(category.StageEntityId).OrderBy(s => s.Sort).ThenBy(s => s.Id)];

    public UserField? UserFieldOf(EntityKind entity, string fieldName) =>
        UserFields.Values.FirstOrDefault(f => f.Entity == entity && string.Equals(f.FieldName, fieldName, StringComparison.Ordinal));

    public IEnumerable<UserField> UserFieldsOf(EntityKind entity) => UserFields.Values.Where(f => f.Entity == entity);

    public JObject? Item(EntityKind entity, int id) => Table(entity).Rows.GetValueOrDefault(id);

    private void AddSystemStatus(string entityId, string statusId, string name, int sort, int? categoryId, string? semantics)
    {
        var id = NextId("status");
        Statuses[id] = new StageStatus(id, entityId, statusId, name, name, sort, System: true, categoryId, DefaultStatuses.ColorOf(semantics), semantics);
    }

    private void SeedUsers()
    {
        Users[1] = new PortalUser(1, "Администратор", "Портала", "admin@sandbox.example", true, true, [1]);
        Users[2] = new PortalUser(2, "Анна", "Менеджер", "anna@sandbox.example", true, false, [2]);
        Users[3] = new PortalUser(3, "Борис", "Менеджер", "boris@sandbox.example", true, false, [2]);
        Users[4] = new PortalUser(4, "Виктор", "Руководитель", "viktor@sandbox.example", true, false, [2]);
        Departments[1] = new Department(1, "Компания", null, 1, 500);
        Departments[2] = new Department(2, "Отдел продаж", 1, 4, 500);
    }
}
