using Crm.Connector.Functions.Hosting;

var app = await FunctionApp.BuildAsync(args);
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // The usual first-run problem gets one clear line instead of a stack trace.
    await Console.Error.WriteLineAsync(
        $"crm-connector functions: {e.Message} Another instance may be running; stop it, or choose another address with LocalHost__Url=http://127.0.0.1:7072.");
    return 1;
}

return 0;
