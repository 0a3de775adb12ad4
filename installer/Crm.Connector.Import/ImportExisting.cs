namespace Crm.Connector.Import;

/// <summary>An item in the CRM: its id, its phones (+7…), and which of the import's fields it has filled.</summary>
public sealed record ImportExisting
{
    public required long Id { get; init; }

    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Filled fields: <see cref="ImportFieldNames"/> and template field codes.</summary>
    public IReadOnlySet<string> Filled { get; init; } = new HashSet<string>();
}
