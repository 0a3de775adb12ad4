using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>A call-back to-do in the item's timeline (Bitrix24 <c>crm.activity.todo.add</c>, amoCRM call task).</summary>
public sealed record CallbackAction : AutomationAction, IWorkItemAction
{
    public const string Type = "callback";

    [JsonRequired]
    public LocalizedText Title { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    public Recipient To { get; init; } = Recipient.Responsible;

    [JsonRequired]
    public Delay Deadline { get; init; } = Delay.Hours(1);

    Recipient IWorkItemAction.Assignee => To;

    public override string TypeName => Type;
}
