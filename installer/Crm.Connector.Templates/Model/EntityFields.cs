using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>Custom fields per entity.</summary>
public sealed record EntityFields
{
    public IReadOnlyList<FieldDefinition> Lead { get; init; } = [];

    public IReadOnlyList<FieldDefinition> Deal { get; init; } = [];

    public IReadOnlyList<FieldDefinition> Contact { get; init; } = [];

    public IReadOnlyList<FieldDefinition> Company { get; init; } = [];

    /// <summary>The fields of <paramref name="entity"/>.</summary>
    public IReadOnlyList<FieldDefinition> For(CrmEntity entity) => entity switch
    {
        CrmEntity.Lead => Lead,
        CrmEntity.Deal => Deal,
        CrmEntity.Contact => Contact,
        CrmEntity.Company => Company,
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, null),
    };

    /// <summary>The field with <paramref name="code"/> on <paramref name="entity"/>, if any.</summary>
    public FieldDefinition? Find(CrmEntity entity, string code) =>
        For(entity).FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.Ordinal));

    /// <summary>Every field with its entity, in entity order.</summary>
    [JsonIgnore]
    public IEnumerable<(CrmEntity Entity, FieldDefinition Field)> All =>
        Enum.GetValues<CrmEntity>().SelectMany(e => For(e).Select(f => (e, f)));
}
