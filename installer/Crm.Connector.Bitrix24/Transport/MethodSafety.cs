namespace Crm.Connector.Bitrix24.Transport;

/// <summary>
/// Which REST methods may be sent twice without harm. Reads, updates, deletes and registrations are idempotent (a repeat
/// leaves the same state, or fails in a known way); creating methods are not — Bitrix24 has no idempotency keys, so a
/// second <c>crm.deal.add</c> makes a second deal.
/// </summary>
public static class MethodSafety
{
    private static readonly string[] CreatingSuffixes = [".add", ".send", ".copy", ".convert", ".execute", ".start"];

    private static readonly HashSet<string> Creating = new(StringComparer.OrdinalIgnoreCase)
    {
        "im.notify", "im.notify.system.add", "im.notify.personal.add", "bizproc.event.send", "event.offline.get",
    };

    /// <summary>Registrations whose repeat fails with a known "already there" answer.</summary>
    private static readonly HashSet<string> RepeatSafeAdds = new(StringComparer.OrdinalIgnoreCase)
    {
        "bizproc.robot.add", "event.bind", "crm.automation.trigger.add",
    };

    /// <summary>True when <paramref name="method"/> may be repeated after an answer that never came.</summary>
    public static bool IsIdempotent(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (RepeatSafeAdds.Contains(method))
        {
            return true;
        }

        // event.offline.get removes what it returns (clear=1 is its default): a lost answer loses events.
        if (Creating.Contains(method))
        {
            return false;
        }

        return !CreatingSuffixes.Any(suffix => method.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Methods that only read, beyond the <c>.get</c>, <c>.list</c> and <c>.fields</c> families.</summary>
    private static readonly HashSet<string> Reads = new(StringComparer.OrdinalIgnoreCase)
    {
        "profile", "scope", "methods", "app.info", "server.time", "feature.get", "user.current", "crm.status.entity.items", "crm.status.entity.types",
    };

    /// <summary>
    /// True when <paramref name="method"/> only reads: running it earlier or later than another call changes nothing.
    /// <c>event.offline.get</c> is not one (it removes what it returns).
    /// </summary>
    public static bool IsRead(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (Creating.Contains(method))
        {
            return false;
        }

        return Reads.Contains(method)
            || method.EndsWith(".get", StringComparison.OrdinalIgnoreCase)
            || method.EndsWith(".list", StringComparison.OrdinalIgnoreCase)
            || method.EndsWith(".fields", StringComparison.OrdinalIgnoreCase);
    }
}
