namespace Crm.Connector.Automation.Processes;

/// <summary>An invoice a process wants issued for the item: its title and amount, and whether it is a prepayment.</summary>
public sealed record PlannedInvoice(string Title, decimal Amount, bool Prepayment);
