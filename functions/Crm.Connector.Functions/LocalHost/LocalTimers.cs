using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.Invocation;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// Fires a timer function on its schedule with the envelope the host sends (§4.5:
/// <c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}</c>), and stores its queue outputs.
/// A failed run is logged; the next occurrence runs as scheduled. Locally each timer also runs once at start: after a
/// stop or a crash, due jobs, stalled work and missed events are picked up at once rather than at the next tick.
/// </summary>
internal sealed class LocalTimers(IFunction function, TimerTrigger trigger, HostSettings settings, LocalOutputs outputs, TimeProvider time, ILogger<LocalTimers> log) : BackgroundService
{
    private readonly NcrontabSchedule _schedule = NcrontabSchedule.Parse(trigger.Schedule);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await FireAsync(isPastDue: false, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = _schedule.Next(now);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(isPastDue: time.GetUtcNow() - next.Value > TimeSpan.FromMinutes(1), stoppingToken);
        }
    }

    /// <summary>One run (also used by tests and the first-run kick of the local host).</summary>
    internal async Task FireAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        var request = new InvocationRequest
        {
            FunctionName = function.Definition.Name,
            Data = new JObject
            {
                [trigger.Name] = new JObject
                {
                    ["Schedule"] = new JObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = null,
                    ["IsPastDue"] = isPastDue,
                },
            },
            Metadata = new JObject { ["sys"] = LocalHttpBridge.Sys(function.Definition.Name, time) },
            InvocationId = Guid.NewGuid().ToString(),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.FunctionTimeout);
        var result = await FunctionInvoker.InvokeAsync(function, request, log, timeout.Token);
        if (result is null)
        {
            return;
        }

        try
        {
            await outputs.ApplyAsync(function.Definition, result, log);
        }
#pragma warning disable CA1031 // A timer's failed outputs are logged; the next occurrence runs as scheduled (§5.5).
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.TimerFailed(log, e, function.Definition.Name);
        }
    }
}
