namespace Crm.Connector.Automation;

/// <summary>Names of the built-in fields in <see cref="ItemState.Fields"/> (the template's built-in field names).</summary>
public static class BuiltInFields
{
    public const string Stage = "stage";

    public const string Pipeline = "pipeline";

    public const string Title = "title";

    public const string Amount = "amount";

    public const string Responsible = "responsible";

    /// <summary>When the CRM last changed the item, as it reports it (<c>DATE_MODIFY</c>): names one state of the item.</summary>
    public const string Modified = "modified";

    /// <summary>
    /// When the item entered its current stage, as the CRM reports it (Bitrix24 <c>MOVED_TIME</c>) — the moment a deal
    /// was lost, not the moment the app saw it.
    /// </summary>
    public const string StageChangedAt = "stageChangedAt";

    /// <summary><c>process</c>, <c>success</c> or <c>failure</c>: the meaning of the item's stage in the template.</summary>
    public const string StageSemantics = "stageSemantics";
}
