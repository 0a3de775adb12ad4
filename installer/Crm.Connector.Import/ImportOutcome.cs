namespace Crm.Connector.Import;

/// <summary>What became of a row.</summary>
public enum ImportOutcome
{
    Created,
    Merged,

    /// <summary>A duplicate (skipped by choice or in the file) or already imported.</summary>
    Skipped,
    Invalid,

    /// <summary>The CRM refused the row (its message is kept).</summary>
    Failed,
}
