using Crm.Connector.Automation.Processes;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Work;
using Crm.Connector.Functions.Handlers;
using Crm.Connector.Functions.Invocation;
using Crm.Connector.Functions.Jobs;
using Crm.Connector.Functions.LocalHost;
using Crm.Connector.Storage;

namespace Crm.Connector.Functions.Hosting;

/// <summary>Builds the web application in either hosting mode.</summary>
public static class FunctionApp
{
    /// <summary>The Functions host passes the port it will call on in this variable (custom-handler protocol).</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Builds the app and brings its store's schema up to date; the caller runs it.</summary>
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        // Settings live next to the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var mode = DetectMode(builder.Configuration, out var url);
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = LocalHostOptions.MaxRequestBodyBytes);
        var demo = mode == HostingMode.Local ? await DemoPortal.StartIfNeededAsync(builder.Configuration, url) : null;
        AddServices(builder.Services, builder.Configuration, mode, url);
        if (demo is not null)
        {
            builder.Services.AddSingleton(demo);
        }

        var app = builder.Build();
        await app.Services.GetRequiredService<IStore>().MigrateAsync();

        // The Functions host probes GET / until it gets any answer; the local host answers the same way.
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Ok());
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        if (mode == HostingMode.CustomHandler)
        {
            app.MapCustomHandler();
        }
        else
        {
            app.MapLocalHttpFunctions(catalog, app.Services.GetRequiredService<HostSettings>());
        }

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionApp));
        app.Lifetime.ApplicationStarted.Register(() => HostingLog.Listening(log, url, mode));
        app.Lifetime.ApplicationStopping.Register(() => HostingLog.Stopping(log, mode));
        demo?.InstallWhenStarted(app, url);
        return app;
    }

    /// <summary>Every service of the app (tests build the same container).</summary>
    internal static void AddServices(IServiceCollection services, IConfiguration configuration, HostingMode mode, string url)
    {
        services.AddSingleton(new HostingInfo(mode, url));
        services.AddSingleton(TimeProvider.System);
        services.Configure<Bitrix24AppOptions>(configuration.GetSection(Bitrix24AppOptions.Section));
        services.Configure<AppOptions>(configuration.GetSection(AppOptions.Section));
        services.Configure<WorkerOptions>(configuration.GetSection(WorkerOptions.Section));

        services.AddSingleton<IStore>(sp => StoreFactory.Create(new StoreOptions
        {
            ConnectionString = configuration.GetConnectionString(StoreOptions.ConnectionStringName),
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
        }));
        services.AddBitrix24Http();
        services.AddSingleton<PortalClients>();
        services.AddSingleton<TemplateProvider>();
        services.AddSingleton<InstallationCache>();
        services.AddSingleton<Provisioner>();
        services.AddSingleton<InstallProcessor>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton(ProcessRegistry.Default());
        services.AddSingleton<WorkBatchProcessor>();
        services.AddSingleton<PortalWorker>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<Bitrix24.Work.PortalListItemsCache>();
        services.AddSingleton<IJobHandler, ProvisionJobHandler>();
        services.AddSingleton<IJobHandler, AutomationCheckJobHandler>();

        services.AddSingleton<IFunction, HealthFunction>();
        services.AddSingleton<IFunction, Bitrix24InstallFunction>();
        services.AddSingleton<IFunction, Bitrix24EventsFunction>();
        services.AddSingleton<IFunction, Bitrix24RobotFunction>();
        services.AddSingleton<IFunction, CrmWorkFunction>();
        services.AddSingleton<IFunction, DueJobsFunction>();
        services.AddSingleton<IFunction, ReconcileFunction>();
        services.AddSingleton<FunctionCatalog>();

        if (mode == HostingMode.Local)
        {
            AddLocalHost(services);
        }
    }

    /// <summary>The local host's queue listeners and timers, one per queue or timer function, configured by host.json.</summary>
    private static void AddLocalHost(IServiceCollection services)
    {
        services.AddSingleton(_ => HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")));
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<LocalOutputs>();
        services.AddSingleton<IHostedService>(sp => new LocalFunctionServices(sp));
    }

    private static HostingMode DetectMode(ConfigurationManager configuration, out string url)
    {
        var port = configuration[CustomHandlerPortVariable];
        if (!string.IsNullOrWhiteSpace(port))
        {
            if (!int.TryParse(port, out var number) || number is <= 0 or > 65535)
            {
                throw new InvalidOperationException($"{CustomHandlerPortVariable} must be a TCP port, not '{port}'.");
            }

            // The host always calls 127.0.0.1 (never localhost or ::1).
            url = $"http://127.0.0.1:{number}";
            return HostingMode.CustomHandler;
        }

        var options = configuration.GetSection(LocalHostOptions.Section).Get<LocalHostOptions>() ?? new LocalHostOptions();
        url = options.Url;
        return HostingMode.Local;
    }
}
