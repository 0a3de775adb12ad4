namespace Crm.Connector.Sandbox.AmoCrm.Limits;

/// <summary>
/// §9: at most <c>limit</c> requests in any rolling second, per account. Only admitted requests are counted, so a
/// client that waits <c>retry_after</c> gets in. UNCONFIRMED: amoCRM's 429 example carries <c>retry_after: 300</c>
/// (seconds); the sandbox answers the seconds until the window has room again (at least 1), which is what a client
/// honouring the field needs and keeps tests short.
/// </summary>
internal sealed class RollingWindow(int limit, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _admitted = new();

    /// <summary>Admits a request, or says how long until one would be admitted.</summary>
    public bool TryAdmit(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limit <= 0)
        {
            return true;
        }

        lock (_gate)
        {
            var now = clock.GetUtcNow();
            while (_admitted.Count > 0 && now - _admitted.Peek() >= Window)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count < limit)
            {
                _admitted.Enqueue(now);
                return true;
            }

            retryAfter = Window - (now - _admitted.Peek());
            return false;
        }
    }
}
