using Crm.Connector.Functions.Hosting;
using Crm.Connector.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Connector.Functions.Tests.Instances;

/// <summary>
/// One instance of the app without a host: the app's own service container (<see cref="FunctionApp.AddServices"/>) on
/// a shared store and a clock the test moves. Several of them on one store file are, as far as the store can tell,
/// several app processes; the function classes are made per call, as the worker and the local host make them.
/// </summary>
internal sealed class AppInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AppInstance(ServiceProvider services) => _services = services;

    public IStore Store => _services.GetRequiredService<IStore>();

    /// <summary>An instance on the SQLite store at <paramref name="storePath"/>, migrated, with <paramref name="settings"/> over the defaults.</summary>
    public static async Task<AppInstance> StartAsync(string storePath, TimeProvider time, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Store"] = storePath,
            ["Bitrix24:ClientId"] = "app.test",
            ["Bitrix24:ClientSecret"] = "secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection().AddLogging();
        FunctionApp.AddServices(services, new ConfigurationBuilder().AddInMemoryCollection(values).Build(), HostingMode.Local, "http://127.0.0.1:1");

        // The last registration wins: the store and every service take the test's clock.
        services.AddSingleton<TimeProvider>(time);
        var instance = new AppInstance(services.BuildServiceProvider());
        await instance.Store.MigrateAsync();
        return instance;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A function class made from this instance's services, as an invocation makes it.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
