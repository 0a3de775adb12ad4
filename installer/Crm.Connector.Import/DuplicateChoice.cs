namespace Crm.Connector.Import;

/// <summary>What to do with a row whose phone a client in the CRM already has.</summary>
public enum DuplicateChoice
{
    /// <summary>Leave the CRM's client as it is; the row goes to the report.</summary>
    Skip,

    /// <summary>Fill only the EMPTY fields of the CRM's client and add the notes as comments; never overwrite a value.</summary>
    Merge,
}
