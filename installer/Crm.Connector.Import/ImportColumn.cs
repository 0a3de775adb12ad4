using Crm.Connector.Templates.Model;

namespace Crm.Connector.Import;

/// <summary>One column of the import file: its header (Russian, as in the template file), what it holds, its field.</summary>
public sealed record ImportColumn
{
    /// <summary>The header text the file must carry in this column's position.</summary>
    public required string Header { get; init; }

    public required ImportColumnKind Kind { get; init; }

    /// <summary>The template field filled from this column (custom fields; also Имя/Фамилия/Отчество when the template declares them).</summary>
    public FieldDefinition? Field { get; init; }

    /// <summary>A hint for the template file's example row.</summary>
    public string Example { get; init; } = string.Empty;
}
