using Crm.Connector.Templates.Model;

namespace Crm.Connector.Automation.Processes;

/// <summary>A notification a process wants sent.</summary>
public sealed record PlannedNotice(Recipient To, string Message);
