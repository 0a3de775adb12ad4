namespace Crm.Connector.Import;

/// <summary>What the engine needs to know about the CRM before checking rows.</summary>
public sealed record ImportTargetInfo
{
    /// <summary>Channels in the CRM's order; an unknown channel in the file becomes the first (seed 002).</summary>
    public required IReadOnlyList<ImportChannel> Channels { get; init; }

    /// <summary>The newest existing item's creation time: no item may be created with an earlier one (Bitrix24's rule).</summary>
    public DateTimeOffset? NewestCreatedAt { get; init; }

    /// <summary>Whether creation times may be set at all (Bitrix24: only when an administrator imports).</summary>
    public bool CanSetCreatedTime { get; init; }
}
