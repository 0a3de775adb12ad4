namespace Crm.Connector.Import;

/// <summary>What a column of the import file holds.</summary>
public enum ImportColumnKind
{
    CreatedAt,
    LastName,
    FirstName,
    MiddleName,
    Phone,
    Email,
    Channel,
    Note,
    Note2,

    /// <summary>A custom field of the template (<see cref="ImportColumn.Field"/>).</summary>
    Field,
}
