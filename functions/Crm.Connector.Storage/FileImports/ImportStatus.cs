namespace Crm.Connector.Storage.FileImports;

/// <summary>Where an import from a file stands.</summary>
public enum ImportStatus
{
    /// <summary>Uploaded and shown to the user; nothing written to the CRM.</summary>
    Previewed,

    /// <summary>The user pressed «Загрузить данные»; waiting for the import worker.</summary>
    Queued,

    /// <summary>A worker is writing it.</summary>
    Running,

    /// <summary>Finished: every row has its outcome (created, merged, skipped, invalid or refused by the CRM).</summary>
    Done,

    /// <summary>Stopped by an error that is not a row's (the CRM unreachable, the file unreadable); a new run creates only what is missing.</summary>
    Failed,
}
