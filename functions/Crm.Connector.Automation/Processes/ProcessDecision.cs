namespace Crm.Connector.Automation.Processes;

/// <summary>
/// What a business process decided for an item: field values to set (by template name), comments to add to its
/// timeline, and values a robot returns to the workflow that called it. The caller writes only values that differ
/// from the item's current ones.
/// </summary>
public sealed record ProcessDecision
{
    public static readonly ProcessDecision None = new();

    public IReadOnlyDictionary<string, object?> SetFields { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    public IReadOnlyList<string> Comments { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Returns { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Call-back to-dos to add to the item.</summary>
    public IReadOnlyList<PlannedCallback> Callbacks { get; init; } = [];

    /// <summary>Notifications to send.</summary>
    public IReadOnlyList<PlannedNotice> Notices { get; init; } = [];

    /// <summary>An invoice to issue for the item (sent to its contact).</summary>
    public PlannedInvoice? Invoice { get; init; }

    /// <summary>A stage of the item's own flow to move it to afterwards.</summary>
    public string? MoveToStage { get; init; }

    /// <summary>A qualified lead's route: the deal (and contact) to create for it.</summary>
    public LeadRoute? Route { get; init; }

    /// <summary>The item must go back to the stage it came from (a required answer is missing).</summary>
    public bool ReturnToPreviousStage { get; init; }

    /// <summary>
    /// Work for a system outside the CRM (the 1C invoice), kept in the store in the same commit as the rest of the
    /// decision and run from there — so it survives a crash and is retried while that system is down.
    /// </summary>
    public IReadOnlyList<PlannedJob> Jobs { get; init; } = [];

    /// <summary>Why, in words, for the audit log.</summary>
    public string Reason { get; init; } = string.Empty;

    public bool IsEmpty => SetFields.Count == 0 && Comments.Count == 0 && Returns.Count == 0 && Callbacks.Count == 0 && Notices.Count == 0 && !ReturnToPreviousStage && Route is null && Invoice is null && MoveToStage is null && Jobs.Count == 0;
}
