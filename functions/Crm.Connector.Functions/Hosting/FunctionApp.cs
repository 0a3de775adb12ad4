using Crm.Connector.Functions.Health;

namespace Crm.Connector.Functions.Hosting;

/// <summary>Builds the web application in either hosting mode.</summary>
public static class FunctionApp
{
    /// <summary>The Functions host passes the port it will call on in this variable (custom-handler protocol).</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static WebApplication Build(string[] args)
    {
        // Settings live next to the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var mode = DetectMode(builder.Configuration, out var url);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(new HostingInfo(mode, url));
        builder.Services.AddSingleton(TimeProvider.System);

        var app = builder.Build();

        // The Functions host probes GET / until it gets any answer; the local host answers the same way.
        app.MapGet("/", () => Results.Ok());
        app.MapHealth();

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionApp));
        app.Lifetime.ApplicationStarted.Register(() => HostingLog.Listening(log, url, mode));
        app.Lifetime.ApplicationStopping.Register(() => HostingLog.Stopping(log, mode));
        return app;
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
