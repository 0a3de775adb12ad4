using Crm.Connector.Functions.Hosting;

if (FunctionApp.IsStartedByFunctionsHost(args))
{
    using var worker = await FunctionApp.BuildWorkerAsync(args);
    await worker.RunAsync();
    return 0;
}

try
{
    await using var app = await FunctionApp.BuildLocalAsync(args);
    await app.RunAsync();
}
catch (AddressInUseException e)
{
    // The usual first-run problem gets one clear line instead of a stack trace.
    await Console.Error.WriteLineAsync("crm-connector functions: " + e.Message);
    return 1;
}

return 0;
