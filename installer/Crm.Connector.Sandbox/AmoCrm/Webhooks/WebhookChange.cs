namespace Crm.Connector.Sandbox.AmoCrm.Webhooks;

/// <summary>
/// One change a request made, as a webhook carries it (§8.1, §8.2): the setting that subscribes to it
/// (<c>status_lead</c>), where it goes in the form (<c>leads[status]</c>) and its fields, already as strings.
/// </summary>
internal sealed record WebhookChange(string Setting, string Root, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields);
