namespace Crm.Connector.Installer.Ledger;

/// <summary>What the ledger knows of one resource: its portal id and how it became ours.</summary>
public sealed record LedgerEntry
{
    /// <summary>The portal's id; empty while <see cref="LedgerOrigin.Pending"/>.</summary>
    public string PortalId { get; init; } = string.Empty;

    public LedgerOrigin Origin { get; init; }

    /// <summary>The code as stored on the portal (e.g. <c>C5:WON</c> for a reused default stage).</summary>
    public string? Code { get; init; }

    /// <summary>Pending pipelines: the name they were created with (pipelines have no code to find them by).</summary>
    public string? Name { get; init; }

    /// <summary>Pending pipelines: ids that existed before the create was sent (a new id with the name is ours).</summary>
    public IReadOnlyList<string>? KnownBefore { get; init; }

    /// <summary>Robots: the registration last sent.</summary>
    public string? Fingerprint { get; init; }

    public bool IsOurs => Origin is LedgerOrigin.Created or LedgerOrigin.Adopted;
}
