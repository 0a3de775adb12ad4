using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.Invocation;
using Crm.Connector.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>
/// The function.json files shipped in the function app are exactly what the code declares: one folder per function,
/// named as the function, with its bindings (azure-functions-custom-handler.md §3).
/// </summary>
public sealed class FunctionJsonTests
{
    private static readonly string Folder = Repository.PathOf("functions", "Crm.Connector.Functions", "FunctionJson");

    [Fact]
    public void FunctionJson_OfEachFunction_MatchesItsDefinition()
    {
        foreach (var function in Catalog().All)
        {
            var definition = function.Definition;
            var path = Path.Combine(Folder, definition.Name, "function.json");

            Assert.True(File.Exists(path), $"{path} is missing");
            Assert.True(JToken.DeepEquals(definition.ToFunctionJson(), JObject.Parse(File.ReadAllText(path))), $"{path} differs from the code:\n{definition.ToFunctionJson()}");
        }
    }

    [Fact]
    public void FunctionJson_Folders_AreExactlyTheFunctions()
    {
        var declared = Catalog().All.Select(f => f.Definition.Name).Order(StringComparer.Ordinal);
        var shipped = Directory.GetDirectories(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(declared, shipped);
    }

    [Fact]
    public void Functions_QueueNames_AreOnesTheHostAccepts()
    {
        foreach (var function in Catalog().All)
        {
            var queues = function.Definition.Outputs.Select(o => o.Queue).Append((function.Definition.Trigger as QueueTrigger)?.Queue).OfType<string>();
            foreach (var queue in queues)
            {
                Assert.Matches("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", queue);
            }
        }
    }

    /// <summary>The functions as the app registers them.</summary>
    private static FunctionCatalog Catalog()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Store"] = Path.Combine(Path.GetTempPath(), $"crmc-catalog-{Guid.NewGuid():N}.db") })
            .Build();
        services.AddLogging();
        FunctionApp.AddServices(services, configuration, HostingMode.CustomHandler, "http://127.0.0.1:1");
        return services.BuildServiceProvider().GetRequiredService<FunctionCatalog>();
    }
}
