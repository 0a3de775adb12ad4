using Crm.Connector.Templates.Model.Robots;

namespace Crm.Connector.Installer.Desired;

/// <summary>
/// An app robot to register, pointing at <see cref="Handler"/>. <see cref="Fingerprint"/> condenses the registration,
/// so a re-apply can tell an unchanged robot without reading it back (the portal lists only codes).
/// </summary>
public sealed record DesiredRobot(ResourceKey Key, RobotDefinition Definition, Uri Handler, string Fingerprint);
