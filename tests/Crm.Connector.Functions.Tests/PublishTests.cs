using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.LocalHost;
using Crm.Connector.Functions.Tests.Unit;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests;

/// <summary>
/// <c>dotnet publish</c> produces a deployable isolated-worker function app. The Core Tools cannot be installed here, so
/// the output is proven by its structure (these tests) and by a stand-in host driving it over the worker protocol
/// (<see cref="WorkerProtocolTests"/>).
/// </summary>
[Collection(PublishedApp.Collection)]
public sealed class PublishTests(PublishedApp published)
{
    [Fact]
    public void HostJson_AtTheRoot_IsTheRepositorysWithoutCustomHandlerOrBundle()
    {
        var host = JObject.Parse(File.ReadAllText(Path.Combine(published.Directory, "host.json")));
        var source = JObject.Parse(File.ReadAllText(Repository.PathOf("host.json")));

        Assert.True(JToken.DeepEquals(source, host));
        Assert.Equal("2.0", host.Value<string>("version"));
        Assert.Null(host["customHandler"]);
        Assert.Null(host["extensionBundle"]);
        Assert.InRange(host.SelectToken("extensions.queues.maxDequeueCount")!.Value<int>(), 1, 10);
        Assert.Equal("api", host.SelectToken("extensions.http.routePrefix")?.Value<string>());
    }

    [Fact]
    public void FunctionsMetadata_ListsTheEightFunctionsWithTheirTriggers()
    {
        var metadata = JArray.Parse(File.ReadAllText(Path.Combine(published.Directory, "functions.metadata")));
        var index = FunctionIndex.Of(typeof(FunctionApp).Assembly);

        Assert.Equal(
            index.All.Select(f => FunctionMetadataTests.Describe(f)).Order(StringComparer.Ordinal),
            metadata.Select(f => FunctionMetadataTests.Describe((JObject)f)).Order(StringComparer.Ordinal));
        Assert.All(metadata, f => Assert.Equal("dotnet-isolated", f.Value<string>("language")));
        Assert.Contains(metadata, f => f.Value<string>("name") == "bitrix24-robot" && f.SelectToken("bindings[0].route")?.Value<string>() == "bitrix24/robots/{code}");
        Assert.Contains(metadata, f => f.Value<string>("name") == "reconcile" && f.SelectToken("bindings[0].schedule")?.Value<string>() == "0 */10 * * * *");
    }

    [Fact]
    public void FunctionsMetadata_EveryEntryPoint_ResolvesInThePublishedAssembly()
    {
        var metadata = JArray.Parse(File.ReadAllText(Path.Combine(published.Directory, "functions.metadata")));
        foreach (var function in metadata)
        {
            var file = Path.Combine(published.Directory, function.Value<string>("scriptFile")!);
            Assert.True(File.Exists(file), $"{file} is missing");
            var entryPoint = function.Value<string>("entryPoint")!;
            var methods = MethodsOf(file);

            Assert.Contains(entryPoint, methods);
        }
    }

    [Fact]
    public void WorkerConfig_AndExtensions_PointAtFilesThatAreThere()
    {
        var config = JObject.Parse(File.ReadAllText(Path.Combine(published.Directory, "worker.config.json")));
        var extensions = JObject.Parse(File.ReadAllText(Path.Combine(published.Directory, "extensions.json")));

        Assert.Equal("dotnet-isolated", config.SelectToken("description.language")?.Value<string>());
        Assert.True(File.Exists(Path.Combine(published.Directory, config.SelectToken("description.defaultWorkerPath")!.Value<string>()!)), "defaultWorkerPath is not in the output");
        // {WorkerRoot} is the host's placeholder for the function app's folder.
        var executable = config.SelectToken("description.defaultExecutablePath")!.Value<string>()!.Replace("{WorkerRoot}", string.Empty, StringComparison.Ordinal);
        Assert.True(executable == "dotnet" || File.Exists(Path.Combine(published.Directory, executable)), $"defaultExecutablePath {executable} is not in the output");
        Assert.NotEmpty(extensions["extensions"]!);
        Assert.All(extensions["extensions"]!, e => Assert.True(File.Exists(Path.Combine(published.Directory, e.Value<string>("hintPath")!)), $"{e.Value<string>("hintPath")} is missing"));
        Assert.Contains(extensions["extensions"]!, e => e.Value<string>("name") == "AzureStorageQueues");
    }

    [Fact]
    public void Output_HasNoFunctionJson_LeftFromTheCustomHandler() =>
        Assert.Empty(Directory.GetFiles(published.Directory, "function.json", SearchOption.AllDirectories));

    [Fact]
    public void App_IsCompiledAheadOfTime_ForAFastColdStart()
    {
        using var pe = new PEReader(File.OpenRead(Path.Combine(published.Directory, "Crm.Connector.Functions.dll")));

        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "Crm.Connector.Functions.dll is not ReadyToRun");
    }

    /// <summary>Every method of the assembly as <c>Namespace.Type.Method</c>, read from its metadata without loading it.</summary>
    private static HashSet<string> MethodsOf(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var reader = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var full = $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
            foreach (var method in type.GetMethods())
            {
                names.Add($"{full}.{reader.GetString(reader.GetMethodDefinition(method).Name)}");
            }
        }

        return names;
    }
}
