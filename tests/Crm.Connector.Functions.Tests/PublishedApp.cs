using Crm.Connector.Testing;

namespace Crm.Connector.Functions.Tests;

/// <summary>The function app published once (Release, linux-x64, self-contained, ReadyToRun) into a throwaway folder, for the tests that check the output.</summary>
public sealed class PublishedApp : IAsyncLifetime
{
    /// <summary>The test collection sharing one publish.</summary>
    public const string Collection = "published function app";

    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("crmc-publish-").FullName;

    public string Directory => Path.Combine(_root, "app");

    /// <summary>The published program the Functions host starts (the app host of the self-contained output).</summary>
    public string Executable => Path.Combine(Directory, OperatingSystem.IsWindows() ? "Crm.Connector.Functions.exe" : "Crm.Connector.Functions");

    public async Task InitializeAsync()
    {
        // A separate artifacts path keeps this publish out of the test build's obj/.
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

/// <summary>Tests that read the published app share one publish.</summary>
[CollectionDefinition(PublishedApp.Collection)]
public sealed class PublishedAppGroup : ICollectionFixture<PublishedApp>;
