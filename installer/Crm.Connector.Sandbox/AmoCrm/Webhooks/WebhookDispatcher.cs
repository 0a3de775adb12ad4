using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.AmoCrm.State;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.AmoCrm.Webhooks;

/// <summary>
/// Sends account webhooks (§8.2, §8.3): after a successful write, one form-encoded POST per destination whose settings
/// include at least one of the write's changes, carrying all of them (<c>leads[status][0][…]</c>,
/// <c>leads[update][0][…]</c>, … then <c>account[subdomain]</c>, <c>account[id]</c>, <c>account[_links][self]</c>), in
/// the background. A delivery succeeds when the destination answers 100–299 within <c>WebhookTimeout</c> (2 s). A
/// destination with more than 100 failed deliveries in the last 2 hours whose last delivery failed is disabled
/// (<c>disabled: true</c> in GET /api/v4/webhooks) and gets nothing more until it is POSTed again.
/// Retries are not modelled (§8.3's schedule is minutes to an hour apart and only known second-hand).
/// </summary>
internal sealed partial class WebhookDispatcher : IAsyncDisposable
{
    public const int DisableAfterFailures = 100;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromHours(2);

    private readonly Account _account;
    private readonly ILogger _logger;
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private int _pending;

    public WebhookDispatcher(Account account, ILogger logger, int concurrency)
    {
        _account = account;
        _logger = logger;
        _workers = [.. Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(WorkAsync))];
    }

    /// <summary>Deliveries queued or on the way.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues the deliveries of <paramref name="changes"/>. Call under the state's gate.</summary>
    public void Enqueue(IReadOnlyList<WebhookChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var state = _account.State;
        foreach (var subscription in state.Webhooks.Values.Where(w => !w.Disabled).OrderBy(w => w.Sort).ThenBy(w => w.Id))
        {
            var wanted = changes.Where(c => subscription.Settings.Contains(c.Setting)).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }

            var form = new List<KeyValuePair<string, string>>();
            foreach (var group in wanted.GroupBy(c => (c.Root, c.Action)))
            {
                var index = 0;
                foreach (var change in group)
                {
                    var prefix = string.Create(CultureInfo.InvariantCulture, $"{change.Root}[{change.Action}][{index}]");
                    form.AddRange(change.Fields.Select(f => new KeyValuePair<string, string>($"{prefix}[{Bracket(f.Key)}", f.Value)));
                    index++;
                }
            }

            form.Add(new("account[subdomain]", state.Subdomain));
            form.Add(new("account[id]", state.AccountId.ToString(CultureInfo.InvariantCulture)));
            form.Add(new("account[_links][self]", _account.BaseUrl.AbsoluteUri.TrimEnd('/')));
            var keys = string.Join(",", wanted.Select(c => $"{c.Root}[{c.Action}]").Distinct(StringComparer.Ordinal));
            Interlocked.Increment(ref _pending);
            _account.Stats.WebhookQueued();
            if (!_queue.Writer.TryWrite(new Delivery(subscription.Id, subscription.Destination, Encode(form), keys)))
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    /// <summary>Completes when every delivery queued so far has been answered or has failed.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (Pending > 0)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Shutting down: deliveries still on the way are abandoned.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    /// <summary>A change's field <c>tags[0][id]</c> goes after its prefix as <c>[tags][0][id]</c>.</summary>
    private static string Bracket(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? key + "]" : key[..open] + "]" + key[open..];
    }

    private static string Encode(List<KeyValuePair<string, string>> form) =>
        string.Join('&', form.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}"));

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    await DeliverAsync(delivery);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task DeliverAsync(Delivery delivery)
    {
        var status = 0;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(_account.Options.WebhookTimeout);
            using var content = new StringContent(delivery.Form, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Destination) { Content = content };
            request.Headers.UserAgent.ParseAdd("amoCRM-Webhooks/3.0");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            LogDeliveryFailed(_logger, delivery.Destination, e);
        }

        var succeeded = status is >= 100 and < 300;
        if (succeeded)
        {
            _account.Stats.WebhookDelivered();
        }
        else
        {
            _account.Stats.WebhookFailed();
        }

        Record(delivery, status, succeeded);
    }

    private void Record(Delivery delivery, int status, bool succeeded)
    {
        var now = _account.Clock.GetUtcNow();
        lock (_account.State.Gate)
        {
            if (!_account.State.Webhooks.TryGetValue(delivery.SubscriptionId, out var subscription))
            {
                return;
            }

            subscription.Attempts.Add(new DeliveryAttempt(now, status, succeeded, delivery.Keys));
            subscription.Attempts.RemoveAll(a => now - a.At > FailureWindow);
            if (succeeded)
            {
                subscription.Delivered++;
            }
            else
            {
                subscription.Failed++;
                if (subscription.Attempts.Count(a => !a.Succeeded) > DisableAfterFailures)
                {
                    subscription.Disabled = true;
                }
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Webhook to {Destination} got no answer")]
    private static partial void LogDeliveryFailed(ILogger logger, string destination, Exception exception);

    private sealed record Delivery(long SubscriptionId, string Destination, string Form, string Keys);
}
