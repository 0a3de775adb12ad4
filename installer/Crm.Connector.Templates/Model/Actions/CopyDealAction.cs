using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>Creates a copy of the deal in another pipeline and stage, with its fields, contact and company.</summary>
public sealed record CopyDealAction : AutomationAction
{
    public const string Type = "copyDeal";

    [JsonRequired]
    public string Pipeline { get; init; } = string.Empty;

    [JsonRequired]
    public string Stage { get; init; } = string.Empty;

    /// <summary>Copy the custom field values (default true).</summary>
    public bool CopyFields { get; init; } = true;

    /// <summary>Copy the timeline (comments and notes) so the history stays in view (default true).</summary>
    public bool CopyHistory { get; init; } = true;

    /// <summary>Actions to run on the new deal right after it is created.</summary>
    public IReadOnlyList<AutomationAction> Then { get; init; } = [];

    public override string TypeName => Type;
}
