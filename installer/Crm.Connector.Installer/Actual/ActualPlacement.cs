namespace Crm.Connector.Installer.Actual;

/// <summary>A button the app bound (Bitrix24 placement.get): its code, the app's page, and its titles per language.</summary>
public sealed record ActualPlacement(string Code, string Handler, string Title, IReadOnlyDictionary<string, string> Titles, IReadOnlyDictionary<string, string> Descriptions);
