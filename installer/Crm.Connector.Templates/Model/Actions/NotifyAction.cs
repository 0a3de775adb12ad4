using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>A system notification to a user (Bitrix24 <c>im.notify.system.add</c>).</summary>
public sealed record NotifyAction : AutomationAction
{
    public const string Type = "notify";

    public Recipient To { get; init; } = Recipient.Responsible;

    [JsonRequired]
    public LocalizedText Message { get; init; } = LocalizedText.Plain(string.Empty);

    public override string TypeName => Type;
}
