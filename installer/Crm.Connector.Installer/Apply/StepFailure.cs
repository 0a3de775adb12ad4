namespace Crm.Connector.Installer.Apply;

/// <summary>A step the portal refused, with its words.</summary>
public sealed record StepFailure(ResourceKey Key, string Title, string Error);
