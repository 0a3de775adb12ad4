using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>An e-mail, normally to the item's contact.</summary>
public sealed record EmailAction : AutomationAction
{
    public const string Type = "email";

    public Recipient To { get; init; } = Recipient.Contact;

    [JsonRequired]
    public LocalizedText Subject { get; init; } = LocalizedText.Plain(string.Empty);

    [JsonRequired]
    public LocalizedText Body { get; init; } = LocalizedText.Plain(string.Empty);

    public override string TypeName => Type;
}
