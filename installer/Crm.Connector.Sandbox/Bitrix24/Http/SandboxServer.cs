using System.Net;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// The portal on <see cref="LoopbackHost"/>, with two listeners: the portal address and the alternate address the portal
/// moves to on a domain change.
/// </summary>
internal static class SandboxServer
{
    public static async Task<(WebApplication App, Portal Portal)> StartAsync(Bitrix24SandboxOptions options, CancellationToken cancellationToken)
    {
        var builder = LoopbackHost.CreateBuilder();
        ListenOptions? primary = null;
        ListenOptions? alternate = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
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

        portal.Bind(LoopbackHost.Address(primary), LoopbackHost.Address(alternate));
        return (app, portal);
    }
}
