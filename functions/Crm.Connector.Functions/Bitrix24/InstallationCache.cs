using System.Collections.Concurrent;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// Installations as the webhook endpoints need them on every call, kept for a few seconds — including "no such
/// portal", so forged requests for unknown portals cost the store nothing. Changes made by this process (install,
/// update, uninstall) are seen at once; other instances' within <see cref="Lifetime"/>.
/// </summary>
public sealed class InstallationCache(IStore store, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (Installation? Installation, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<Installation?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(memberId, out var entry) && entry.Until > now)
        {
            return entry.Installation;
        }

        var installation = await store.Installations.GetAsync(memberId, cancellationToken);

        // Bounded: a flood of made-up member ids must not grow memory without end.
        if (_entries.Count > 100_000)
        {
            _entries.Clear();
        }

        _entries[memberId] = (installation, now + Lifetime);
        return installation;
    }

    public void Invalidate(string memberId) => _entries.TryRemove(memberId, out _);
}
