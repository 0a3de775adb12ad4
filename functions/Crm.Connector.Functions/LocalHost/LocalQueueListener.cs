using Crm.Connector.Functions.Hosting;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Queues;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// The local host's queue trigger, following the Storage-queue processing of the Functions host: messages are
/// taken in batches and run concurrently (up to batchSize + newBatchThreshold); success deletes the message, failure
/// makes it visible again after visibilityTimeout, and at maxDequeueCount it goes to <c>{queue}-poison</c>. Messages
/// live in the store, so nothing accepted is lost when the process stops or is killed.
/// </summary>
internal sealed class LocalQueueListener(
    LocalFunction function,
    QueueMessageTrigger trigger,
    IStore store,
    HostSettings settings,
    LocalInvoker invoker,
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

        try
        {
            var invocation = await invoker.InvokeAsync(function, message.Text, stoppingToken);
            await outputs.StoreAsync(invocation);
            await store.Queues.DeleteAsync(message, CancellationToken.None);
            return;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message becomes visible again after its lease and runs on the next start.
            HostingLog.InvocationCancelled(log, function.Name);
            return;
        }
#pragma warning disable CA1031 // A failed invocation is retried or poisoned by the queue's rules, whatever its cause; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.InvocationFailed(log, e, function.Name);
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
}
