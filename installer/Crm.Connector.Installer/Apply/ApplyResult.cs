namespace Crm.Connector.Installer.Apply;

/// <summary>What an apply did.</summary>
public sealed record ApplyResult
{
    public int Created { get; init; }

    public int Updated { get; init; }

    public int Adopted { get; init; }

    public int Deleted { get; init; }

    /// <summary>Removals the portal refused or that would lose data, kept.</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    public IReadOnlyList<StepFailure> Failures { get; init; } = [];

    /// <summary>HTTP requests the apply used (reading the portal included).</summary>
    public int Requests { get; init; }

    public TimeSpan Elapsed { get; init; }

    public bool Succeeded => Failures.Count == 0;
}
