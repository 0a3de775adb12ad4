using Crm.Connector.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// Fires a timer function on its NCRONTAB schedule (six fields, with seconds, read by NCrontab as the Timer extension
/// reads it) and stores its queue messages. A failed run is logged; the next occurrence runs as scheduled. Locally each
/// timer also runs once at start: after a stop or a crash, due jobs, stalled work and missed events are picked up at
/// once rather than at the next tick. That run is past due — it catches up whatever the schedule missed while this host
/// was not running — so it is not held back by the period lease another instance (or this one before a crash) took.
/// </summary>
internal sealed class LocalTimers(LocalFunction function, TimerScheduleTrigger trigger, LocalInvoker invoker, LocalOutputs outputs, TimeProvider time, ILogger<LocalTimers> log) : BackgroundService
{
    private readonly CrontabSchedule _schedule = Parse(trigger.Schedule);

    /// <summary>The schedule of a timer attribute; throws with the expression when it is not a six-field NCRONTAB.</summary>
    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
        ?? throw new InvalidOperationException($"'{expression}' is not a six-field NCRONTAB schedule ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await FireAsync(isPastDue: true, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(_schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(isPastDue: time.GetUtcNow() - next > TimeSpan.FromMinutes(1), stoppingToken);
        }
    }

    /// <summary>One run (also the first-run kick of the local host).</summary>
    internal async Task FireAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        try
        {
            var invocation = await invoker.InvokeAsync(function, new TimerInfo { IsPastDue = isPastDue }, cancellationToken);
            await outputs.StoreAsync(invocation);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            HostingLog.InvocationCancelled(log, function.Name);
        }
#pragma warning disable CA1031 // A timer's failure is logged; the next occurrence runs as scheduled.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.TimerFailed(log, e, function.Name);
        }
    }
}
