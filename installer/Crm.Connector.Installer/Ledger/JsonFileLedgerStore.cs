using Newtonsoft.Json;

namespace Crm.Connector.Installer.Ledger;

/// <summary>
/// One ledger in one JSON file (<c>--state</c>). Written to a temporary file and renamed over the old one, so the file
/// is always a whole ledger, whenever the process stops.
/// </summary>
public sealed class JsonFileLedgerStore(string path) : ILedgerStore
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task<ProvisioningLedger> LoadAsync(string portalKey, string templateKey, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return new ProvisioningLedger { PortalKey = portalKey, TemplateKey = templateKey };
        }

        ProvisioningLedger? ledger;
        try
        {
            ledger = JsonConvert.DeserializeObject<ProvisioningLedger>(await File.ReadAllTextAsync(Path, cancellationToken), LedgerJson.Settings);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"State file {Path} is not a ledger ({e.Message}). Restore it from a backup, or move it away to start a new one.", e);
        }

        if (ledger is null || ledger.Version != ProvisioningLedger.FormatVersion)
        {
            throw new InvalidDataException($"State file {Path} has an unknown format (version {ledger?.Version}); this program reads version {ProvisioningLedger.FormatVersion}.");
        }

        if (ledger.PortalKey.Length > 0 && ledger.PortalKey != portalKey)
        {
            throw new InvalidDataException($"State file {Path} belongs to portal {ledger.PortalKey}, not {portalKey}. Use a separate --state file per portal.");
        }

        if (ledger.TemplateKey.Length > 0 && ledger.TemplateKey != templateKey)
        {
            throw new InvalidDataException($"State file {Path} records template '{ledger.TemplateKey}', not '{templateKey}'. Use a separate --state file per template.");
        }

        ledger.PortalKey = portalKey;
        ledger.TemplateKey = templateKey;
        return ledger;
    }

    public async Task SaveAsync(ProvisioningLedger ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(JsonConvert.SerializeObject(ledger, LedgerJson.Settings));
            await writer.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
