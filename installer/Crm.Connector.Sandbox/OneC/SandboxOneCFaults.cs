namespace Crm.Connector.Sandbox.OneC;

/// <summary>Faults the sandbox 1C injects, for resilience tests; change them while it runs. Thread-safe.</summary>
public sealed class SandboxOneCFaults
{
    private int _down;
    private int _loseCreateAnswers;
    private int _htmlOkAnswers;
    private long _latencyTicks;

    /// <summary>
    /// While true every request answers 503 with an HTML page: the web server (Apache/IIS, §1.8) in front of a stopped
    /// 1C. Checked before authentication.
    /// </summary>
    public bool Down
    {
        get => Volatile.Read(ref _down) == 1;
        set => Volatile.Write(ref _down, value ? 1 : 0);
    }

    /// <summary>
    /// The next N creates (<c>POST Set</c>) are carried out, then the connection is aborted without an answer — the
    /// "POST timed out but the object was created" case of §6.2.
    /// </summary>
    public int LoseCreateAnswers
    {
        get => Volatile.Read(ref _loseCreateAnswers);
        set => Volatile.Write(ref _loseCreateAnswers, Math.Max(0, value));
    }

    /// <summary>
    /// The next N requests (after the <see cref="Down"/> check, before authentication) get an HTML error page with
    /// status 200 and nothing is done (§1.7: 1cFresh and proxies do this).
    /// </summary>
    public int HtmlOkAnswers
    {
        get => Volatile.Read(ref _htmlOkAnswers);
        set => Volatile.Write(ref _htmlOkAnswers, Math.Max(0, value));
    }

    /// <summary>Added before every answer (wall clock, not the options' TimeProvider).</summary>
    public TimeSpan Latency
    {
        get => new(Volatile.Read(ref _latencyTicks));
        set => Volatile.Write(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Takes one pending lost create answer, if any.</summary>
    internal bool TakeLoseCreateAnswer() => Take(ref _loseCreateAnswers);

    /// <summary>Takes one pending HTML-200 answer, if any.</summary>
    internal bool TakeHtmlOkAnswer() => Take(ref _htmlOkAnswers);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
