using Crm.Connector.Templates.Model.Conditions;
using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>Sets a field to a constant (<see cref="Value"/>) or to another field's value (<see cref="From"/>); exactly one.</summary>
public sealed record SetFieldAction : AutomationAction
{
    public const string Type = "setField";

    [JsonRequired]
    public string Field { get; init; } = string.Empty;

    public LiteralValue? Value { get; init; }

    /// <summary>A field or system field to copy from, e.g. <c>createdBy</c>.</summary>
    public string? From { get; init; }

    public override string TypeName => Type;
}
