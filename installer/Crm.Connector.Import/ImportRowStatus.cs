namespace Crm.Connector.Import;

/// <summary>What the import will do with a row.</summary>
public enum ImportRowStatus
{
    /// <summary>Will be created.</summary>
    Ready,

    /// <summary>Its phone is taken — by an earlier row of the file or by a client in the CRM (<see cref="ImportRow.DuplicateOf"/>).</summary>
    Duplicate,

    /// <summary>An earlier import of this row created it (its import key is in the CRM): nothing is written.</summary>
    AlreadyImported,

    /// <summary>Has an error (<see cref="ImportRow.Problems"/>): not imported, listed in the report.</summary>
    Invalid,
}
