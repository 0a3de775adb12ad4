using Crm.Connector.Storage;
using Crm.Connector.Templates.Model.Actions;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// Round-robin turns across instances: before a claim's actions are planned, each pool's counter in the store is
/// advanced by the number of assignments the claim will make from it, in one statement, so the claim owns that run of
/// turns and another instance distributing at the same moment gets the next run — nobody is skipped or given two in a
/// row because two instances read the same pointer.
/// </summary>
public static class AssignmentTurns
{
    /// <summary>The pools (positions) the claim's not-yet-done <c>assign</c> actions draw from.</summary>
    public static IReadOnlyList<string> Positions(WriterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return [.. Pending(input).Select(a => a.Among).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Reserves the claim's turns; returns where each pool's run starts.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReserveAsync(IStore store, string memberId, WriterInput input, IReadOnlyDictionary<string, IReadOnlyList<string>> pools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pools);
        var starts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var group in Pending(input).GroupBy(a => a.Among, StringComparer.Ordinal))
        {
            if (pools.GetValueOrDefault(group.Key) is { Count: > 0 })
            {
                starts[group.Key] = await store.Counters.AdvanceAsync(memberId, "assign:" + group.Key, group.Count(), cancellationToken);
            }
        }

        return starts;
    }

    private static IEnumerable<AssignAction> Pending(WriterInput input) =>
        input.Fired.SelectMany(f => f.Run.Automation.Actions
            .Select((action, index) => (Action: action as AssignAction, Index: index))
            .Where(a => a.Action is { Strategy: AssignStrategy.RoundRobin } && !input.Known.Contains(input.AuditKey(f.Run, a.Index)))
            .Select(a => a.Action!));
}

/// <summary>
/// The turns a claim reserved (<see cref="AssignmentTurns.ReserveAsync"/>), handed out in order: the next user of a pool
/// is the one at the claim's start plus the turns taken so far, around the circle.
/// </summary>
public sealed class RoundRobinTurns(IReadOnlyDictionary<string, IReadOnlyList<string>> pools, IReadOnlyDictionary<string, long> starts)
{
    private readonly Dictionary<string, int> _taken = new(StringComparer.Ordinal);

    /// <summary>No pools: every <see cref="Next"/> is null.</summary>
    public static RoundRobinTurns Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, long>());

    /// <summary>The next user of <paramref name="among"/>'s pool in turn, or null when the pool is empty.</summary>
    public string? Next(string among)
    {
        if (pools.GetValueOrDefault(among) is not { Count: > 0 } pool)
        {
            return null;
        }

        var turn = _taken.GetValueOrDefault(among);
        _taken[among] = turn + 1;
        return pool[(int)((starts.GetValueOrDefault(among) + turn) % pool.Count)];
    }
}
