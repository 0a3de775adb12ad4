using System.Collections.Concurrent;

namespace Crm.Connector.Sandbox.OneC;

/// <summary>Live counters of what the sandbox 1C was asked and did; <see cref="SandboxOneC.ResetStats"/> zeroes them. Thread-safe.</summary>
public sealed class SandboxOneCStats
{
    private readonly ConcurrentDictionary<string, int> _bySet = new(StringComparer.Ordinal);
    private int _requests;
    private int _reads;
    private int _writes;

    /// <summary>Every HTTP request that reached the server, whatever its answer (faults and 401 included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Authenticated GETs that were answered from the base with 200 (service document, sets, entities).</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Authenticated writes that changed the base: create, PATCH, DELETE, Post, Unpost (lost answers included).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>
    /// Authenticated requests to a published set by HTTP method, whatever their outcome, e.g.
    /// <c>("POST", "Document_СчетНаОплатуПокупателю")</c> counts creates. The actions are counted apart, under the set
    /// name with the action: <c>("POST", "Document_СчетНаОплатуПокупателю/Post")</c>, <c>…/Unpost</c>.
    /// </summary>
    public int CountOf(string method, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(method);
        return _bySet.GetValueOrDefault(Key(method, entitySet));
    }

    internal void Reset()
    {
        _bySet.Clear();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
    }

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Read() => Interlocked.Increment(ref _reads);

    internal void Write() => Interlocked.Increment(ref _writes);

    internal void Set(string method, string entitySet) => _bySet.AddOrUpdate(Key(method, entitySet), 1, (_, count) => count + 1);

    private static string Key(string method, string entitySet) => method.ToUpperInvariant() + " " + entitySet;
}
