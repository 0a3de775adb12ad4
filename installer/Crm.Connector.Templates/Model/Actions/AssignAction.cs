using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>Makes a user from a position's pool responsible for the item (even distribution of new requests).</summary>
public sealed record AssignAction : AutomationAction
{
    public const string Type = "assign";

    public AssignStrategy Strategy { get; init; } = AssignStrategy.RoundRobin;

    /// <summary>The position whose users share the work.</summary>
    [JsonRequired]
    public string Among { get; init; } = string.Empty;

    public override string TypeName => Type;
}
