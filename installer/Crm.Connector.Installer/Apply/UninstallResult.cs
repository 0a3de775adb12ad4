namespace Crm.Connector.Installer.Apply;

/// <summary>What an uninstall removed and what it kept (and why).</summary>
public sealed record UninstallResult
{
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>"pipeline «Мойка»: holds 12 deals" and the like.</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    public IReadOnlyList<StepFailure> Failures { get; init; } = [];

    public int Requests { get; init; }

    public TimeSpan Elapsed { get; init; }
}
