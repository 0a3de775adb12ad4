using System.Net;
using Crm.Connector.Sandbox.AmoCrm.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// Kestrel on 127.0.0.1: the account host. No Server header, no configuration from the hosting program, only warnings
/// logged (the sandbox runs inside tests, the command line and the demo).
/// </summary>
internal static class AmoServer
{
    public static async Task<(WebApplication App, Account Account)> StartAsync(AmoCrmSandboxOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(AmoServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ListenOptions? listener = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listener = listen);
        });

        var app = builder.Build();
        var account = new Account(options, app.Services.GetRequiredService<ILoggerFactory>());
        var router = new RequestRouter(account);
        app.Run(router.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await account.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }

        account.Bind(new Uri($"http://127.0.0.1:{listener?.IPEndPoint?.Port ?? throw new InvalidOperationException("Kestrel did not bind.")}/"));
        return (app, account);
    }
}
