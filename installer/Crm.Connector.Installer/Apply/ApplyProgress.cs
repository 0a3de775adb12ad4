namespace Crm.Connector.Installer.Apply;

/// <summary>How far an apply or uninstall has come: <see cref="Done"/> of <see cref="Total"/> steps, now doing <see cref="Current"/>.</summary>
public sealed record ApplyProgress(int Done, int Total, string Current);
