using System.Net;
using System.Net.Sockets;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Work;
using Crm.Connector.Functions.Work;
using Crm.Connector.Functions.Jobs;
using Crm.Connector.Functions.OneC;
using Crm.Connector.Functions.LocalHost;
using Crm.Connector.Storage;
using Microsoft.Azure.Functions.Worker.Builder;

namespace Crm.Connector.Functions.Hosting;

/// <summary>
/// One program, two start paths. Started by the Azure Functions host (it passes <c>--functions-worker-id</c>), the
/// program is the isolated worker: the host owns the triggers, queues, timers and scale-out, and invokes the
/// <c>[Function]</c> methods over gRPC. Started plainly, it runs the embedded local host, which serves the same
/// functions from their attributes. Both build their services with <see cref="AddServices"/>.
/// </summary>
public static class FunctionApp
{
    /// <summary>Whether the Functions host started this process as its worker.</summary>
    public static bool IsStartedByFunctionsHost(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a.StartsWith("--functions-worker-id", StringComparison.Ordinal) || a.StartsWith("--workerId", StringComparison.Ordinal));
    }

    /// <summary>The isolated worker with ASP.NET Core integration; the store's schema is brought up to date first.</summary>
    public static async Task<IHost> BuildWorkerAsync(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // Portals reach the app at its site's address (set by App Service), unless App:PublicUrl says otherwise.
        var site = builder.Configuration["WEBSITE_HOSTNAME"];
        var url = string.IsNullOrWhiteSpace(site) ? new LocalHostOptions().Url : "https://" + site;
        AddServices(builder.Services, builder.Configuration, HostingMode.Worker, url);
        var host = builder.Build();
        await host.Services.GetRequiredService<IStore>().MigrateAsync();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionApp));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() => HostingLog.Listening(log, url, HostingMode.Worker));
        lifetime.ApplicationStopping.Register(() => HostingLog.Stopping(log, HostingMode.Worker));
        return host;
    }

    /// <summary>
    /// The embedded local host: the functions' routes under <c>/api</c>, the store-backed queues and the timers, and
    /// the demo portal when no Bitrix24 app is configured. Its schema is brought up to date; the caller runs it.
    /// </summary>
    public static async Task<WebApplication> BuildLocalAsync(string[] args)
    {
        // Settings live next to the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var options = builder.Configuration.GetSection(LocalHostOptions.Section).Get<LocalHostOptions>() ?? new LocalHostOptions();
        var url = options.Url;
        EnsureFree(url);
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = LocalHostOptions.MaxRequestBodyBytes);
        var amoDemo = await AmoDemoAccount.StartIfNeededAsync(builder.Configuration, url);
        var demo = AmoDemoAccount.IsAsked(builder.Configuration) ? null : await DemoPortal.StartIfNeededAsync(builder.Configuration, url);
        AddServices(builder.Services, builder.Configuration, HostingMode.Local, url);
        AddLocalHost(builder.Services);
        if (demo is not null)
        {
            builder.Services.AddSingleton(demo);
        }

        if (amoDemo is not null)
        {
            builder.Services.AddSingleton(amoDemo);
        }

        var app = builder.Build();
        await app.Services.GetRequiredService<IStore>().MigrateAsync();

        // Any answer on GET / means "up" (the readiness test scripts and tests use).
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Ok());
        app.MapLocalFunctions(app.Services.GetRequiredService<FunctionIndex>(), app.Services.GetRequiredService<HostSettings>());

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionApp));
        app.Lifetime.ApplicationStarted.Register(() => HostingLog.Listening(log, url, HostingMode.Local));
        app.Lifetime.ApplicationStopping.Register(() => HostingLog.Stopping(log, HostingMode.Local));
        demo?.InstallWhenStarted(app, url);
        amoDemo?.InstallWhenStarted(app, url);
        return app;
    }

    /// <summary>Every service of the app, in either mode (tests build the same container). Function classes are not registered: each invocation makes its own from these.</summary>
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
        services.AddSingleton<Provisioner>();
        services.AddSingleton<InstallProcessor>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton(ProcessRegistry.Default());
        services.AddSingleton<Work.WorkPipeline>();
        services.AddSingleton<Work.ICrmWorkAdapter, Bitrix24WorkAdapter>();
        services.AddSingleton<AmoCrm.Work.AmoAccountListsCache>();
        services.AddSingleton<AmoCrm.Work.Effects.AmoEffectSender>();
        services.AddSingleton<Work.ICrmWorkAdapter, AmoCrm.Work.AmoWorkAdapter>();
        services.AddSingleton<ICrmSweep, AmoCrm.Work.AmoSweep>();
        services.AddSingleton<Bitrix24.Work.Effects.EffectSender>();
        services.AddSingleton<PortalWorker>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<ICrmSweep>(sp => sp.GetRequiredService<Reconciler>());
        services.AddSingleton<Sweeps>();
        services.AddSingleton<Timers.TimerLease>();
        services.AddSingleton<Bitrix24.Work.PortalListItemsCache>();
        services.AddSingleton<IJobHandler, ProvisionJobHandler>();
        services.AddSingleton<IJobHandler, AutomationCheckJobHandler>();
        services.AddAmoCrmApp(configuration);
        services.AddOneCSync(configuration);
        services.Configure<Pages.PageOptions>(configuration.GetSection(Pages.PageOptions.Section));
        services.AddSingleton<Pages.FrameVerifier>();
        services.AddSingleton<Pages.PageHost>();
        services.AddSingleton<Pages.MainPage>();
        services.AddSingleton<Pages.SettingsPage>();
        services.AddSingleton<Pages.InvoiceButtonPage>();
        services.AddSingleton<Pages.ImportPage>();
        services.AddSingleton<Pages.ImportRunner>();

    }

    /// <summary>The local host: the function index read from the attributes, its invoker, queues and timers configured by host.json.</summary>
    internal static void AddLocalHost(IServiceCollection services)
    {
        services.AddMvcCore();
        services.AddSingleton(_ => FunctionIndex.Of(typeof(FunctionApp).Assembly));
        services.AddSingleton(_ => HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")));
        services.AddSingleton<LocalInvoker>();
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<LocalOutputs>();
        services.AddSingleton<IHostedService>(sp => new LocalFunctionServices(sp));
    }

    /// <summary>
    /// Fails before anything starts when the local host's address is taken (another instance is probably running): its
    /// timers would otherwise already have run against the shared store.
    /// </summary>
    private static void EnsureFree(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host, out var address))
        {
            return;
        }

        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, uri.Port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new AddressInUseException(url);
        }
    }
}
