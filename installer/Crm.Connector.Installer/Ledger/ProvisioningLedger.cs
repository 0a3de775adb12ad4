namespace Crm.Connector.Installer.Ledger;

/// <summary>
/// The memory of what a template's installation owns on one portal: resource key → portal id, with how it became ours.
/// Written after every write request, so an apply stopped at any point resumes without creating anything twice.
/// </summary>
public sealed class ProvisioningLedger
{
    public const int FormatVersion = 1;

    public int Version { get; set; } = FormatVersion;

    public string PortalKey { get; set; } = string.Empty;

    public string TemplateKey { get; set; } = string.Empty;

    public string? TemplateVersion { get; set; }

    public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>Entries by resource key (<see cref="ResourceKey.ToString"/>).</summary>
    public Dictionary<string, LedgerEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Keys of the automations the app runs for this installation (recorded at apply).</summary>
    public List<string> AppAutomations { get; set; } = [];

    public LedgerEntry? Get(ResourceKey key) => Entries.TryGetValue(key.ToString(), out var entry) ? entry : null;

    public void Set(ResourceKey key, LedgerEntry entry) => Entries[key.ToString()] = entry;

    public void Remove(ResourceKey key) => Entries.Remove(key.ToString());

    /// <summary>Entries of one kind, with their keys.</summary>
    public IEnumerable<(ResourceKey Key, LedgerEntry Entry)> Of(ResourceKind kind) =>
        Entries.Select(e => (Key: ResourceKey.Parse(e.Key), e.Value)).Where(e => e.Key.Kind == kind);
}
