using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>
/// Sits in a client's HTTP pipeline in front of a sandbox portal and sees each request as it leaves the client: which
/// batch commands it carries, and when its answer comes back. While closed it holds requests before they reach the
/// portal, so a test sees which requests a client sends together by counting, never by timing.
/// </summary>
internal sealed class GateHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<(string Event, IReadOnlySet<string> Keys)> _log = [];
    private TaskCompletionSource _open = Opened();
    private int _held;

    /// <summary>Requests waiting at the closed gate now: all left the client, none reached the portal.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>In order: <c>sent</c> as a request left the client, <c>answered</c> as its answer came back; with its batch keys.</summary>
    public IReadOnlyList<(string Event, IReadOnlySet<string> Keys)> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Holds every request from now until <see cref="Release"/> or <see cref="Open"/>.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets the held requests through and holds the ones that come after.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _open.TrySetResult();
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets every request through, held or to come.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _open.TrySetResult();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; 30 s without it fails the test, naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Never happened: {what}.");
            }

            await Task.Delay(5);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var keys = await BatchKeysAsync(request, cancellationToken);
        Task open;
        lock (_gate)
        {
            _log.Add(("sent", keys));
            _held++;
            open = _open.Task;
        }

        try
        {
            await open.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _held--;
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        lock (_gate)
        {
            _log.Add(("answered", keys));
        }

        return response;
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private static async Task<IReadOnlySet<string>> BatchKeysAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return new HashSet<string>();
        }

        var body = JObject.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        return (body["cmd"] as JObject)?.Properties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal) ?? [];
    }
}
