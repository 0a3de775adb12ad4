namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>How <see cref="Bitrix24Sandbox.InstallAppAsync"/> installs the app (bitrix24-rest.md §1.2, §1.3).</summary>
public sealed record SandboxInstallOptions
{
    /// <summary>Which of the two installation messages are sent, and in which order.</summary>
    public SandboxInstallOrder Order { get; init; } = SandboxInstallOrder.CallbackThenEvent;

    /// <summary>The app version being installed (<c>data[VERSION]</c>).</summary>
    public string Version { get; init; } = "1";

    /// <summary>The portal language (<c>LANG</c>, <c>data[LANGUAGE_ID]</c>): two letters, e.g. <c>ru</c>, <c>en</c>, <c>de</c>.</summary>
    public string Language { get; init; } = "ru";

    /// <summary>The app's status letter (<c>status</c>, <c>auth[status]</c>): L local, F free, D demo, T trial or P paid.</summary>
    public string Status { get; init; } = "P";
}
