namespace Crm.Connector.Installer.Desired;

/// <summary>A stage automation the app runs from events and timers (REST cannot put a robot on a stage); nothing is written for it.</summary>
public sealed record DesiredAutomation(ResourceKey Key, string Name, string Summary);
