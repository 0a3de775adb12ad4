using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Triggers;

/// <summary>Any of <see cref="Fields"/> (custom field codes or system fields such as <c>amount</c>) changed.</summary>
public sealed record FieldChangedTrigger : AutomationTrigger
{
    public const string Type = "fieldChanged";

    [JsonRequired]
    public IReadOnlyList<string> Fields { get; init; } = [];

    public override string TypeName => Type;
}
