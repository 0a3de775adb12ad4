using Crm.Connector.Functions.Hosting;

var app = await FunctionApp.BuildAsync(args);
await app.RunAsync();
