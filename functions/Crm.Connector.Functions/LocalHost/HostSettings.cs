using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// The parts of <c>host.json</c> the local host honours, read from the same file the Functions host reads — so retries,
/// poisoning, timeouts and the route prefix behave the same locally.
/// </summary>
public sealed record HostSettings
{
    public string RoutePrefix { get; init; } = "api";

    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; init; } = 16;

    public int NewBatchThreshold { get; init; } = 8;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Delay before a failed message is visible again.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Reads <paramref name="path"/>; a missing value keeps the host's default.</summary>
    public static HostSettings Load(string path)
    {
        var host = JObject.Parse(File.ReadAllText(path));
        var defaults = new HostSettings();
        var queues = host.SelectToken("extensions.queues") as JObject;
        return new HostSettings
        {
            RoutePrefix = host.SelectToken("extensions.http.routePrefix")?.Value<string>() ?? defaults.RoutePrefix,
            FunctionTimeout = Span(host["functionTimeout"]) ?? defaults.FunctionTimeout,
            BatchSize = queues?["batchSize"]?.Value<int>() ?? defaults.BatchSize,
            NewBatchThreshold = queues?["newBatchThreshold"]?.Value<int>() ?? defaults.NewBatchThreshold,
            MaxPollingInterval = Span(queues?["maxPollingInterval"]) ?? defaults.MaxPollingInterval,
            VisibilityTimeout = Span(queues?["visibilityTimeout"]) ?? defaults.VisibilityTimeout,
            MaxDequeueCount = queues?["maxDequeueCount"]?.Value<int>() ?? defaults.MaxDequeueCount,
        };
    }

    /// <summary>The poison queue of <paramref name="queue"/>, named as the Functions host names it.</summary>
    public static string PoisonQueueOf(string queue) => queue + "-poison";

    private static TimeSpan? Span(JToken? token) =>
        token?.Type == JTokenType.String && TimeSpan.TryParse(token.Value<string>(), CultureInfo.InvariantCulture, out var span) ? span : null;
}
