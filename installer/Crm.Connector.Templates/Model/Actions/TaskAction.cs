using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>A task bound to the item (Bitrix24 <c>tasks.task.add</c>, amoCRM task), due <see cref="Deadline"/> from now.</summary>
public sealed record TaskAction : AutomationAction, IWorkItemAction
{
    public const string Type = "task";

    [JsonRequired]
    public LocalizedText Title { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    public Recipient To { get; init; } = Recipient.Responsible;

    [JsonRequired]
    public Delay Deadline { get; init; } = Delay.Days(1);

    Recipient IWorkItemAction.Assignee => To;

    public override string TypeName => Type;
}
