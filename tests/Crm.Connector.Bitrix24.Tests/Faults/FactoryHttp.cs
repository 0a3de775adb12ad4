using System.Collections.Concurrent;
using Crm.Connector.Bitrix24.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Bitrix24.Tests.Faults;

/// <summary>
/// The HTTP plumbing a service gets from <c>AddBitrix24Http</c>, built in a container of its own, with the clock the
/// circuit breaker uses and every log line written through the container kept for inspection.
/// </summary>
internal sealed class FactoryHttp : IDisposable
{
    private readonly ServiceProvider _services;

    public FactoryHttp(Action<Bitrix24HttpOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs)));
        services.AddBitrix24Http(configure);
        _services = services.BuildServiceProvider();
    }

    /// <summary>Every line logged through the container.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>A client as a service takes it: from the factory, by name.</summary>
    public HttpClient Create() => _services.GetRequiredService<IHttpClientFactory>().CreateBitrix24Client();

    public void Dispose() => _services.Dispose();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
