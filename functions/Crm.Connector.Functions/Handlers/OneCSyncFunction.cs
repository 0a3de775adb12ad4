using Crm.Connector.Automation.Processes;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.OneC;
using Crm.Connector.Functions.Timers;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.Jobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// Every 5 seconds, on one instance (<see cref="TimerLease"/>): runs the CRM → 1C invoice work that is due, and polls
/// the receipts of each installation connected to 1C whose poll is due (<see cref="OneCOptions.PollEvery"/>; the wider
/// sweep when <see cref="OneCOptions.SweepEvery"/> has passed). Work 1C failed stays in the store and is retried with
/// back-off (1C down, a password changed); a failed poll reads the same window next time. Installations that got news for
/// their deals are drained at once.
/// </summary>
public sealed class OneCSyncFunction(IStore store, OneCInvoiceWork invoices, OneCReceiptPoll receipts, OneCFacts facts, IOptions<OneCOptions> options, TimerLease lease, TimeProvider time, ILogger<OneCSyncFunction> log)
{
    public const string Name = "onec-sync";

    public const string Schedule = "*/5 * * * * *";

    private static readonly string[] Kinds = [OneCSync.JobKind];

    [Function(Name)]
    [QueueOutput(WorkMessage.Queue)]
    public async Task<string[]> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!await lease.TryTakeAsync(Name, Schedule, timer, cancellationToken))
        {
            return [];
        }

        var drains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in await store.Jobs.ClaimDueAsync(time.GetUtcNow(), 50, TimeSpan.FromMinutes(5), Kinds, cancellationToken))
        {
            if (await RunJobAsync(job, cancellationToken))
            {
                drains.Add(job.MemberId);
            }
        }

        foreach (var connection in await store.OneC.ConnectionsAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            if (connection.PolledAt is { } polled && now - polled < options.Value.PollEvery && connection.PollError is null)
            {
                continue;
            }

            if (await store.Installations.GetAsync(connection.MemberId, cancellationToken) is not { Status: InstallationStatus.Active })
            {
                continue;
            }

            var sweep = connection.SweptAt is not { } swept || now - swept >= options.Value.SweepEvery;
            try
            {
                if ((await receipts.PollAsync(connection, sweep, cancellationToken)).Invoices > 0)
                {
                    drains.Add(connection.MemberId);
                }
            }
            catch (Exception e) when (e is Crm.Connector.OneC.OneCException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                OneCLog.PollFailed(log, connection.MemberId, e.Message);
                await store.OneC.MarkPolledAsync(connection.MemberId, now, sweep, e.Message, cancellationToken);
            }
        }

        return [.. drains.Select(WorkMessage.Drain)];
    }

    /// <summary>Runs one piece of invoice work; on failure records it on the job (retried with back-off) and, when a person must act, tells the deal.</summary>
    private async Task<bool> RunJobAsync(ScheduledJob job, CancellationToken cancellationToken)
    {
        try
        {
            var news = await invoices.RunAsync(job, cancellationToken);
            await store.Jobs.CompleteAsync(job.Id, cancellationToken);
            return news;
        }
        catch (Exception e) when (e is Crm.Connector.OneC.OneCException or OneCRefusalException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var delay = TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryAfter.Ticks * (1L << Math.Min(job.Attempts - 1, 20))));
            var retryAt = time.GetUtcNow() + delay;
            OneCLog.WorkFailed(log, job.MemberId, job.Kind, job.Attempts, retryAt, e.Message);
            await store.Jobs.RetryAsync(job.Id, e.Message, retryAt, settings.MaxAttempts, cancellationToken);

            // A person must act: the deal's responsible hears it once per distinct reason.
            return e is OneCRefusalException && job.Payload.Value<string>("entity") is { } entity && job.Payload.Value<long?>("id") is { } id
                && await facts.ConflictAsync(job.MemberId, entity, id, e.Message, cancellationToken);
        }
    }
}
