namespace Crm.Connector.Sandbox.Bitrix24.Pages;

/// <summary>What a deal card shows: title, pipeline name, stage id and name, amount and currency.</summary>
internal sealed record DealCardView(int Id, string Title, string Pipeline, string StageId, string Stage, string Amount, string Currency);
