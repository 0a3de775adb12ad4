using System.Net;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// Kestrel on 127.0.0.1 with two listeners: the portal address and the alternate address the portal moves to on a
/// domain change. No Server header; only warnings are logged — the sandbox runs inside other programs (the function
/// app's demo, the command line, tests), whose own "Now listening on" and "Application started" must be the only ones.
/// </summary>
internal static class SandboxServer
{
    public static async Task<(WebApplication App, Portal Portal)> StartAsync(Bitrix24SandboxOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // No configuration at all: the hosting program's appsettings.json and environment (its Logging:LogLevel, URLs)
        // must neither add endpoints nor turn the sandbox's log up to Information.
        builder.Configuration.Sources.Clear();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ListenOptions? primary = null;
        ListenOptions? alternate = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => primary = listen);
            kestrel.Listen(IPAddress.Loopback, 0, listen => alternate = listen);
        });

        var app = builder.Build();
        var portal = new Portal(options, app.Services.GetRequiredService<ILoggerFactory>());
        var router = new RequestRouter(portal);
        app.Run(router.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await portal.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }

        portal.Bind(Address(primary), Address(alternate));
        return (app, portal);
    }

    private static Uri Address(ListenOptions? listen) =>
        new($"http://127.0.0.1:{listen?.IPEndPoint?.Port ?? throw new InvalidOperationException("Kestrel did not bind.")}/");
}
