using System.Globalization;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.Invocation;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Queues;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// The local host's queue trigger, following the Storage-queue processing the Functions host uses (§2.4): messages are
/// taken in batches and run concurrently (up to batchSize + newBatchThreshold); success deletes the message, failure
/// makes it visible again after visibilityTimeout, and at maxDequeueCount it goes to <c>{queue}-poison</c>. Messages
/// live in the store, so nothing accepted is lost when the process stops or is killed.
/// </summary>
internal sealed class LocalQueueListener(
    IFunction function,
    QueueTrigger trigger,
    IStore store,
    HostSettings settings,
    LocalOutputs outputs,
    QueueSignal signal,
    TimeProvider time,
    ILogger<LocalQueueListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var capacity = Math.Max(1, settings.BatchSize + settings.NewBatchThreshold);
        using var slots = new SemaphoreSlim(capacity);
        var running = new List<Task>();
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                slots.Release();
                var free = slots.CurrentCount;
                var messages = await store.Queues.DequeueAsync(trigger.Queue, Math.Min(free, settings.BatchSize), settings.FunctionTimeout + TimeSpan.FromMinutes(1), stoppingToken);
                if (messages.Count == 0)
                {
                    // Poll with back-off up to maxPollingInterval; a local enqueue wakes the listener at once.
                    await signal.WaitAsync(trigger.Queue, idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = TimeSpan.FromMilliseconds(50);
                foreach (var message in messages)
                {
                    await slots.WaitAsync(stoppingToken);
                    running.Add(Task.Run(
                        async () =>
                        {
                            try
                            {
                                await ProcessAsync(message, stoppingToken);
                            }
                            finally
                            {
                                slots.Release();
                            }
                        },
                        CancellationToken.None));
                }

                running.RemoveAll(t => t.IsCompleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The listener must outlive a failing store call; the failure is logged and polling goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                HostingLog.QueueListenerFailed(log, e, trigger.Queue);
                await Task.Delay(settings.MaxPollingInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        // Let running invocations finish (their messages stay invisible and come back if we are killed instead).
        await Task.WhenAll(running);
    }

    /// <summary>One message: poisoned if it has been tried too often, else invoked and then deleted or released.</summary>
    internal async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var poison = HostSettings.PoisonQueueOf(trigger.Queue);
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await store.Queues.MoveToPoisonAsync(message, poison, CancellationToken.None);
            HostingLog.Poisoned(log, trigger.Queue, message.Id, poison, message.DequeueCount);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.FunctionTimeout);
        var result = await FunctionInvoker.InvokeAsync(function, Envelope(message), log, timeout.Token);
        if (result is not null)
        {
            await outputs.ApplyAsync(function.Definition, result, log);
            await store.Queues.DeleteAsync(message, CancellationToken.None);
            return;
        }

        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            await store.Queues.MoveToPoisonAsync(message, poison, CancellationToken.None);
            HostingLog.Poisoned(log, trigger.Queue, message.Id, poison, message.DequeueCount);
        }
        else
        {
            await store.Queues.ReleaseAsync(message, settings.VisibilityTimeout, CancellationToken.None);
        }
    }

    /// <summary>The queue-trigger envelope of §4.3: the text double-encoded, metadata with the message's own properties merged over it.</summary>
    internal InvocationRequest Envelope(QueueMessage message)
    {
        var metadata = new JObject
        {
            ["DequeueCount"] = message.DequeueCount.ToString(CultureInfo.InvariantCulture),
            ["ExpirationTime"] = Stamp(message.InsertedAt.AddDays(7)),
            ["Id"] = EnvelopeValues.EncodeString(message.Id.ToString(CultureInfo.InvariantCulture)),
            ["InsertionTime"] = Stamp(message.InsertedAt),
            ["NextVisibleTime"] = Stamp(message.NextVisibleAt),
            ["PopReceipt"] = EnvelopeValues.EncodeString(message.PopReceipt),
            ["sys"] = LocalHttpBridge.Sys(function.Definition.Name, time),
        };
        LocalHttpBridge.MergeJsonProperties(metadata, message.Text);
        return new InvocationRequest
        {
            FunctionName = function.Definition.Name,
            Data = new JObject { [trigger.Name] = EnvelopeValues.EncodeString(message.Text) },
            Metadata = metadata,
            InvocationId = Guid.NewGuid().ToString(),
        };
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture);
}
