using System.Text.Json;

namespace Crm.Connector.Testing.WorkerHost;

/// <summary>How <see cref="StandInFunctionsHost"/> starts and talks to an isolated worker.</summary>
public sealed class StandInHostOptions
{
    /// <summary>
    /// The program to start: the app host of the published worker, a <c>.dll</c> (started with <c>dotnet</c>), or
    /// <c>dotnet</c> itself with the worker's <c>.dll</c> as the first of <see cref="WorkerArguments"/>.
    /// </summary>
    public required string WorkerExecutable { get; set; }

    /// <summary>Arguments placed before the host's own (<c>--functions-uri</c> and the rest).</summary>
    public IList<string> WorkerArguments { get; } = new List<string>();

    /// <summary>The function app directory: the publish output with <c>functions.metadata</c> and <c>host.json</c>.</summary>
    public required string AppDirectory { get; set; }

    /// <summary>Working directory of the worker process; the app directory when not set (as the Functions host does).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Extra environment variables for the worker (app settings); they win over the host's own.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>From process start until the worker opens its gRPC stream (includes the worker's own startup).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>For each protocol answer other than an invocation: init, metadata, function load.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>For one invocation, including the proxied HTTP answer of an HTTP trigger.</summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The public address the stand-in host pretends to serve (like <c>func start</c>'s <c>http://localhost:7071/</c>):
    /// relative request URIs are resolved against it and it is forwarded to the worker in <c>X-Forwarded-*</c> headers.
    /// </summary>
    public Uri HttpBaseAddress { get; set; } = new("http://localhost:7071/");

    /// <summary>The gRPC message size limit passed to the worker (<c>--functions-grpc-max-message-length</c>).</summary>
    public int GrpcMaxMessageLength { get; set; } = int.MaxValue;

    /// <summary>The host version sent in the worker init request.</summary>
    public string HostVersion { get; set; } = "4.1000.0";

    /// <summary>Clock for timestamps and timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Options that start a published worker the way the Functions host does: from its <c>worker.config.json</c>
    /// (<c>defaultExecutablePath</c>, then <c>defaultWorkerPath</c> as the first argument, <c>{WorkerRoot}</c> and
    /// relative paths resolved against the app directory). Works for framework-dependent and self-contained output.
    /// </summary>
    public static StandInHostOptions ForPublishedApp(string appDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appDirectory);
        var root = Path.GetFullPath(appDirectory);
        var configPath = Path.Combine(root, "worker.config.json");
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"No worker.config.json in '{root}': is this the publish output of an isolated worker?", configPath);
        }

        using var config = JsonDocument.Parse(File.ReadAllText(configPath));
        var description = config.RootElement.GetProperty("description");
        var executable = Expand(description, "defaultExecutablePath", root)
            ?? throw new InvalidDataException($"{configPath} has no description.defaultExecutablePath.");
        var workerPath = Expand(description, "defaultWorkerPath", root);

        var options = new StandInHostOptions { WorkerExecutable = executable, AppDirectory = root };
        if (workerPath is not null)
        {
            // The host puts the worker path first: "dotnet <app>.dll ..." for framework-dependent output, and
            // "<app host> <app>.dll ..." for self-contained output (the worker ignores a leading path argument).
            options.WorkerArguments.Add(workerPath);
        }

        return options;
    }

    private static string? Expand(JsonElement description, string property, string root)
    {
        if (!description.TryGetProperty(property, out var value) || value.GetString() is not { Length: > 0 } text)
        {
            return null;
        }

        var expanded = text.Replace("{WorkerRoot}", root + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
        if (string.Equals(expanded, "dotnet", StringComparison.Ordinal) || Path.IsPathRooted(expanded))
        {
            return expanded;
        }

        return Path.Combine(root, expanded);
    }
}
