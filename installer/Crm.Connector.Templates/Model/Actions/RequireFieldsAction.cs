using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>
/// Checks that fields are filled. When some are empty the user is told which, and (by default) the item goes back to
/// the stage it came from.
/// </summary>
public sealed record RequireFieldsAction : AutomationAction
{
    public const string Type = "requireFields";

    [JsonRequired]
    public IReadOnlyList<string> Fields { get; init; } = [];

    public bool ReturnToPreviousStage { get; init; } = true;

    public LocalizedText? Message { get; init; }

    public override string TypeName => Type;
}
