namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>Everything the account holds. Every read and write happens under <see cref="Gate"/>.</summary>
internal sealed class AccountState
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal)
    {
        ["user"] = 10_000_000,
        ["group"] = 4_000,
        ["role"] = 100_000,
        ["pipeline"] = 7_000_000,
        ["status"] = 60_000_000,
        ["field"] = 900_000,
        ["enum"] = 500_000,
        ["group_field"] = 0,
        ["loss_reason"] = 9_000_000,
        ["lead"] = 20_000_000,
        ["contact"] = 30_000_000,
        ["company"] = 40_000_000,
        ["task"] = 1_000_000,
        ["note"] = 2_000_000,
        ["event"] = 0,
        ["webhook"] = 1_000,
    };

    public Lock Gate { get; } = new();

    public required long AccountId { get; init; }

    public required string Subdomain { get; init; }

    public SortedDictionary<long, User> Users { get; } = [];

    public List<UserGroup> Groups { get; } = [];

    public SortedDictionary<long, Role> Roles { get; } = [];

    public SortedDictionary<long, Pipeline> Pipelines { get; } = [];

    public SortedDictionary<long, CustomField> Fields { get; } = [];

    public List<FieldGroup> FieldGroups { get; } = [];

    public SortedDictionary<long, LossReason> LossReasons { get; } = [];

    public SortedDictionary<long, CrmRecord> Leads { get; } = [];

    public SortedDictionary<long, CrmRecord> Contacts { get; } = [];

    public SortedDictionary<long, CrmRecord> Companies { get; } = [];

    public List<EntityLink> Links { get; } = [];

    public SortedDictionary<long, CrmTask> Tasks { get; } = [];

    public SortedDictionary<long, Note> Notes { get; } = [];

    public List<AccountEvent> Events { get; } = [];

    public SortedDictionary<long, WebhookSubscription> Webhooks { get; } = [];

    /// <summary>The administrator, who consents to the integration (tokens of <c>IssueTokens</c> are theirs).</summary>
    public long AdminId { get; set; }

    public long NextId(string kind) => ++_ids[kind];

    public SortedDictionary<long, CrmRecord> Records(EntityKind kind) => kind switch
    {
        EntityKind.Lead => Leads,
        EntityKind.Contact => Contacts,
        _ => Companies,
    };

    public IEnumerable<CustomField> FieldsOf(EntityKind kind) => Fields.Values.Where(f => f.Entity == kind);

    /// <summary>The status <paramref name="statusId"/> of <paramref name="pipelineId"/> (142/143 exist in every pipeline).</summary>
    public Status? Status(long pipelineId, long statusId) => Pipelines.GetValueOrDefault(pipelineId)?.Status(statusId);

    /// <summary>The pipeline a status id belongs to when it is unique (not 142/143).</summary>
    public Pipeline? PipelineOf(long statusId) =>
        statusId is State.Status.Won or State.Status.Lost ? null : Pipelines.Values.FirstOrDefault(p => p.Status(statusId) is not null);
}
