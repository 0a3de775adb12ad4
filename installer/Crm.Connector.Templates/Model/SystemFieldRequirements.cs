namespace Crm.Connector.Templates.Model;

/// <summary>Built-in fields (such as a contact's <c>phone</c> or <c>email</c>) that must be filled, per entity.</summary>
public sealed record SystemFieldRequirements
{
    public IReadOnlyList<string> Lead { get; init; } = [];

    public IReadOnlyList<string> Deal { get; init; } = [];

    public IReadOnlyList<string> Contact { get; init; } = [];

    public IReadOnlyList<string> Company { get; init; } = [];

    public IReadOnlyList<string> For(CrmEntity entity) => entity switch
    {
        CrmEntity.Lead => Lead,
        CrmEntity.Deal => Deal,
        CrmEntity.Contact => Contact,
        CrmEntity.Company => Company,
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, null),
    };
}
