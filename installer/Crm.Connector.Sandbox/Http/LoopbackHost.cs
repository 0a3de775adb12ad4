using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.Http;

/// <summary>
/// The web host a sandbox runs on: Kestrel on 127.0.0.1, no Server header, only warnings logged — a sandbox runs inside
/// other programs (the function app's demo, the command line, tests), whose own "Now listening on" and "Application
/// started" must be the only ones.
/// </summary>
internal static class LoopbackHost
{
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(LoopbackHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // No configuration at all: the hosting program's appsettings.json and environment (its Logging:LogLevel, URLs)
        // must neither add endpoints nor turn the sandbox's log up to Information.
        builder.Configuration.Sources.Clear();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>The address a listener was bound to (its port chosen by the system when 0 was asked).</summary>
    public static Uri Address(ListenOptions? listen) =>
        new($"http://127.0.0.1:{listen?.IPEndPoint?.Port ?? throw new InvalidOperationException("Kestrel did not bind.")}/");
}
