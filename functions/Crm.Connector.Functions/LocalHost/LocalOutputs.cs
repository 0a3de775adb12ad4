using Crm.Connector.Functions.Invocation;
using Crm.Connector.Storage;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// Writes an invocation's queue outputs where the local host keeps its queues (the store), converted exactly as the
/// Functions host converts them (§5.4), and wakes the queue's listener. Output keys not declared by the function are
/// ignored, as by the host (§5.1); <c>Logs</c> go to the log.
/// </summary>
internal sealed class LocalOutputs(IStore store, QueueSignal signal)
{
    public async Task ApplyAsync(FunctionDefinition definition, InvocationResult result, ILogger log)
    {
        foreach (var line in result.Logs)
        {
            Hosting.HostingLog.FunctionLog(log, line);
        }

        foreach (var output in definition.Outputs)
        {
            if (output.Queue is null || !result.Outputs.TryGetValue(output.Name, out var value))
            {
                continue;
            }

            var messages = QueueOutputConverter.ToMessages(value);
            foreach (var message in messages)
            {
                // Not cancellable: once the function succeeded its messages must be stored, even if the caller hung up.
                await store.Queues.EnqueueAsync(output.Queue, message, cancellationToken: CancellationToken.None);
            }

            if (messages.Count > 0)
            {
                signal.Notify(output.Queue);
            }
        }
    }
}
