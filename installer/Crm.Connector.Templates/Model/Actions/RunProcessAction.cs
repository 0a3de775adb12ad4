using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>Runs one of the template's business processes on the item.</summary>
public sealed record RunProcessAction : AutomationAction
{
    public const string Type = "runProcess";

    [JsonRequired]
    public string Process { get; init; } = string.Empty;

    public override string TypeName => Type;
}
