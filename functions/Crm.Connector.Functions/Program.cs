using Crm.Connector.Functions.Hosting;

var app = FunctionApp.Build(args);
await app.RunAsync();
