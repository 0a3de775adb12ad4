using Crm.Connector.Templates.Model;

namespace Crm.Connector.Automation.Processes;

/// <summary>A call-back to-do a process wants on the item's timeline, due at a fixed moment.</summary>
public sealed record PlannedCallback(string Title, string Description, DateTimeOffset Due, Recipient To);
