namespace Crm.Connector.Bitrix24.Batch;

/// <summary>What became of one command of a batch.</summary>
public enum BatchCommandStatus
{
    /// <summary>It ran and returned a result.</summary>
    Succeeded,

    /// <summary>It ran and the portal returned an error for it.</summary>
    Failed,

    /// <summary>It was not run: an earlier command failed with halt on, or a command it refers to did not succeed.</summary>
    NotRun,
}
