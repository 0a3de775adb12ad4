using Crm.Connector.Storage;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>Starts, in local mode, a queue listener for every queue-triggered function and a timer for every timer-triggered one.</summary>
internal sealed class LocalFunctionServices(IServiceProvider services) : IHostedService, IDisposable
{
    private readonly List<BackgroundService> _running = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var index = services.GetRequiredService<FunctionIndex>();
        var settings = services.GetRequiredService<HostSettings>();
        var invoker = services.GetRequiredService<LocalInvoker>();
        var outputs = services.GetRequiredService<LocalOutputs>();
        var time = services.GetRequiredService<TimeProvider>();
        var logs = services.GetRequiredService<ILoggerFactory>();
        foreach (var function in index.All)
        {
            BackgroundService? service = function.Trigger switch
            {
                QueueMessageTrigger queue => new LocalQueueListener(function, queue, services.GetRequiredService<IStore>(), settings, invoker, outputs, services.GetRequiredService<QueueSignal>(), time, logs.CreateLogger<LocalQueueListener>()),
                TimerScheduleTrigger timer => new LocalTimers(function, timer, invoker, outputs, time, logs.CreateLogger<LocalTimers>()),
                _ => null,
            };
            if (service is not null)
            {
                _running.Add(service);
                await service.StartAsync(cancellationToken);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _running)
        {
            await service.StopAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var service in _running)
        {
            service.Dispose();
        }
    }
}
