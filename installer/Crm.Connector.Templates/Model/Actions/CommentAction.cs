using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>A comment in the item's timeline (Bitrix24 <c>crm.timeline.comment.add</c>, amoCRM note).</summary>
public sealed record CommentAction : AutomationAction
{
    public const string Type = "comment";

    [JsonRequired]
    public LocalizedText Text { get; init; } = LocalizedText.Plain(string.Empty);

    public override string TypeName => Type;
}
