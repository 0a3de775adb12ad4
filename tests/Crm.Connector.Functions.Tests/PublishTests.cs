using Crm.Connector.Functions.Health;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests;

/// <summary>
/// <c>dotnet publish</c> produces a deployable custom-handler function app: host.json at the root, pointing at an
/// executable that is there, starts the way the Functions host starts it, and answers on the port it is given.
/// </summary>
public sealed class PublishTests : IClassFixture<PublishTests.Published>
{
    private readonly Published _published;

    public PublishTests(Published published) => _published = published;

    [Fact]
    public void Publish_Output_HasTheRepositoryHostJsonAtItsRoot()
    {
        var published = JObject.Parse(File.ReadAllText(Path.Combine(_published.Directory, "host.json")));
        var source = JObject.Parse(File.ReadAllText(Repository.PathOf("host.json")));

        Assert.True(JToken.DeepEquals(source, published));
    }

    [Fact]
    public void HostJson_IsACustomHandlerConfiguration()
    {
        var host = JObject.Parse(File.ReadAllText(Path.Combine(_published.Directory, "host.json")));

        Assert.Equal("2.0", host.Value<string>("version"));
        Assert.False(string.IsNullOrWhiteSpace(host.SelectToken("customHandler.description.defaultExecutablePath")?.Value<string>()));
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host.SelectToken("extensionBundle.id")?.Value<string>());
        Assert.InRange(host.SelectToken("extensions.queues.maxDequeueCount")!.Value<int>(), 1, 10);
        Assert.Equal("api", host.SelectToken("extensions.http.routePrefix")?.Value<string>());
        Assert.True(TimeSpan.TryParse(host.Value<string>("functionTimeout"), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void HostJson_Executable_ExistsInThePublishOutputAndIsExecutable()
    {
        var executable = _published.Executable;

        Assert.True(File.Exists(executable), $"{executable} is not in the publish output");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) != 0, "the executable lacks the execute bit");
        }
    }

    [Fact]
    public async Task PublishedExecutable_StartedLikeTheFunctionsHostDoes_AnswersOnTheGivenPort()
    {
        var port = FreePort.Next();
        using var app = await FunctionAppProcess.StartAsync(
            port,
            new Dictionary<string, string> { [FunctionApp.CustomHandlerPortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            _published.Executable,
            _published.Directory);

        var health = FunctionAppProcess.ResBody<HealthReport>(await app.InvokeAsync("health", FunctionAppProcess.HttpGetEnvelope("/api/health")));

        Assert.Equal(("ok", "custom-handler"), (health.Status, health.Mode));
    }

    /// <summary>Publishes the function app once for all tests here, into a throwaway folder.</summary>
    public sealed class Published : IAsyncLifetime
    {
        private readonly string _root = System.IO.Directory.CreateTempSubdirectory("crmc-publish-").FullName;

        public string Directory => Path.Combine(_root, "app");

        public string Executable
        {
            get
            {
                var host = JObject.Parse(File.ReadAllText(Path.Combine(Directory, "host.json")));
                var working = host.SelectToken("customHandler.description.workingDirectory")?.Value<string>() ?? string.Empty;
                return Path.Combine(Directory, working, host.SelectToken("customHandler.description.defaultExecutablePath")!.Value<string>()!);
            }
        }

        public async Task InitializeAsync()
        {
            // A separate artifacts path keeps this publish (linux-x64, self-contained) out of the test build's obj/.
            var (exitCode, output) = await ChildProcess.RunAsync(
                DotNet.Host,
                ["publish", Repository.PathOf("functions", "Crm.Connector.Functions"), "-c", "Release", "-o", Directory, "--artifacts-path", Path.Combine(_root, "artifacts"), "-nologo"],
                TimeSpan.FromMinutes(8));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed ({exitCode}):\n{output}");
            }
        }

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(_root, recursive: true);
            return Task.CompletedTask;
        }
    }
}
