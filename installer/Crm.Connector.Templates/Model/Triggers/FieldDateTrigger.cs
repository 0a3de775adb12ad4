using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Triggers;

/// <summary>
/// A moment relative to the value of a date or datetime field: <see cref="Before"/> or <see cref="After"/> it
/// (exactly one), e.g. two days before «Дата начала обучения».
/// </summary>
public sealed record FieldDateTrigger : AutomationTrigger
{
    public const string Type = "fieldDate";

    [JsonRequired]
    public string Field { get; init; } = string.Empty;

    public Delay? Before { get; init; }

    public Delay? After { get; init; }

    public override string TypeName => Type;
}
