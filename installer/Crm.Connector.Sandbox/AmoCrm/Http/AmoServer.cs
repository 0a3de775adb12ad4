using System.Net;
using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// The account host on <see cref="LoopbackHost"/>.
/// </summary>
internal static class AmoServer
{
    public static async Task<(WebApplication App, Account Account)> StartAsync(AmoCrmSandboxOptions options, CancellationToken cancellationToken)
    {
        var builder = LoopbackHost.CreateBuilder();
        ListenOptions? listener = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listener = listen));

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

        account.Bind(LoopbackHost.Address(listener));
        return (app, account);
    }
}
