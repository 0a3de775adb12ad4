using Crm.Connector.Testing;

namespace Crm.Connector.Functions.Tests;

/// <summary>
/// The function app published once per test run (Release, linux-x64, self-contained, ReadyToRun) into a throwaway
/// folder, for the tests that check the output and drive it; set <c>CRM_CONNECTOR_WORKER_DIR</c> to reuse an output
/// published beforehand.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    /// <summary>The test collection sharing the publish.</summary>
    public const string Collection = "published function app";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _directory;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Tests read the folder from the fixture they are given; the publish itself is shared by the run.")]
    public string Directory => _directory ?? throw new InvalidOperationException("The app is not published yet.");

    /// <summary>Publishes the app unless this run already did, and returns the output folder.</summary>
    public static async Task<string> PublishOnceAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_directory is not null)
            {
                return _directory;
            }

            if (Environment.GetEnvironmentVariable("CRM_CONNECTOR_WORKER_DIR") is { Length: > 0 } given)
            {
                return _directory = given;
            }

            var root = System.IO.Directory.CreateTempSubdirectory("crmc-publish-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
            var output = Path.Combine(root, "app");

            // A separate artifacts path keeps this publish out of the test build's obj/.
            var (exitCode, log) = await ChildProcess.RunAsync(
                DotNet.Host,
                ["publish", Repository.PathOf("functions", "Crm.Connector.Functions"), "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(root, "artifacts"), "-nologo"],
                TimeSpan.FromMinutes(10));
            return exitCode == 0 ? _directory = output : throw new InvalidOperationException($"dotnet publish failed ({exitCode}):\n{log}");
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task InitializeAsync() => await PublishOnceAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static void TryDelete(string root)
    {
        try
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is going away; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Tests that read or run the published app share one publish.</summary>
[CollectionDefinition(PublishedApp.Collection)]
public sealed class PublishedAppGroup : ICollectionFixture<PublishedApp>;
