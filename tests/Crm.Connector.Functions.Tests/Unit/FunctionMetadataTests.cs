using System.Reflection;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.LocalHost;
using Crm.Connector.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>
/// The local host serves exactly what the Functions host is told: the routes, queues and schedules it reads from the
/// attributes equal the <c>functions.metadata</c> the Worker Sdk wrote into the build output. And every function keeps
/// the house shape: its parameters are the trigger payload and a cancellation token, nothing else.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly FunctionIndex Index = FunctionIndex.Of(typeof(FunctionApp).Assembly);

    public static TheoryData<string> Functions => [.. Index.All.Select(f => f.Name)];

    [Fact]
    public void Functions_AreTheNineteenOfTheApp() =>
        Assert.Equal(
            ["amocrm-connect", "amocrm-install", "amocrm-provision", "amocrm-uninstall", "amocrm-webhooks", "app-import", "app-page", "app-placement", "app-settings", "bitrix24-events", "bitrix24-install", "bitrix24-robot", "crm-work", "due-jobs", "health", "import-run", "onec-sync", "reconcile", "reconcile-portal"],
            Index.All.Select(f => f.Name));

    [Fact]
    public void LocalHost_RoutesQueuesAndSchedules_EqualWhatFunctionsMetadataDeclares()
    {
        var metadata = JArray.Parse(File.ReadAllText(MetadataPath()));

        var declared = metadata.Select(f => Describe((JObject)f)).Order(StringComparer.Ordinal);
        var served = Index.All.Select(Describe).Order(StringComparer.Ordinal);

        Assert.Equal(declared, served);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_Parameters_AreOnlyTheTriggerPayloadAndACancellationToken(string name)
    {
        var method = Index.All.Single(f => f.Name == name).Method;
        var parameters = method.GetParameters();

        Assert.Equal(2, parameters.Length);
        var (payload, token) = (parameters[0], parameters[1]);
        var trigger = Assert.Single(payload.GetCustomAttributes(), a => a is HttpTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute);
        var expected = trigger switch
        {
            HttpTriggerAttribute => typeof(HttpRequest),
            QueueTriggerAttribute => typeof(string),
            _ => typeof(TimerInfo),
        };
        Assert.Equal(expected, payload.ParameterType);
        Assert.Equal(typeof(CancellationToken), token.ParameterType);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_Class_GetsItsServicesFromTheConstructorOnly(string name)
    {
        var type = Index.All.Single(f => f.Name == name).Class;

        Assert.True(type.IsSealed, $"{type.Name} is not sealed");
        Assert.Single(type.GetConstructors());
        Assert.DoesNotContain(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p => p.CanWrite);
    }

    [Fact]
    public void Functions_QueueNames_AreOnesAzureStorageAccepts()
    {
        var queues = Index.All.SelectMany(f => f.OutputQueues).Concat(Index.All.Select(f => f.Trigger).OfType<QueueMessageTrigger>().Select(t => t.Queue));

        Assert.All(queues, q => Assert.Matches("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", q));
    }

    [Fact]
    public void Functions_HttpRoutes_AreAnonymous_BecausePortalsAndTheirFramesCarryNoFunctionKey()
    {
        var http = Index.All.SelectMany(f => f.Method.GetParameters()).Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().ToList();

        Assert.Equal(12, http.Count);
        Assert.All(http, h => Assert.Equal(AuthorizationLevel.Anonymous, h.AuthLevel));
    }

    /// <summary>The functions.metadata the Sdk wrote next to the built app the tests run against.</summary>
    internal static string MetadataPath()
    {
        var path = Path.Combine(Path.GetDirectoryName(DotNet.BuiltAssembly("functions/Crm.Connector.Functions", "Crm.Connector.Functions"))!, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Worker Sdk did not generate it");
        return path;
    }

    /// <summary>A function as one comparable line: name, entry point, trigger, outputs (from functions.metadata).</summary>
    internal static string Describe(JObject function)
    {
        var bindings = function["bindings"]!.Cast<JObject>().ToList();
        var trigger = bindings.Single(b => b.Value<string>("type")!.EndsWith("Trigger", StringComparison.Ordinal));
        var what = trigger.Value<string>("type") switch
        {
            "httpTrigger" => $"http {string.Join(',', trigger["methods"]!.Select(m => m.Value<string>()!.ToUpperInvariant()).Order(StringComparer.Ordinal))} {trigger.Value<string>("route")}",
            "queueTrigger" => $"queue {trigger.Value<string>("queueName")}",
            "timerTrigger" => $"timer {trigger.Value<string>("schedule")} startup={trigger.Value<bool?>("runOnStartup") ?? false}",
            var other => other!,
        };
        var outputs = bindings.Where(b => b.Value<string>("type") == "queue").Select(b => b.Value<string>("queueName")!).Order(StringComparer.Ordinal);
        return $"{function.Value<string>("name")} {function.Value<string>("entryPoint")} {what} -> [{string.Join(',', outputs)}]";
    }

    internal static string Describe(LocalFunction function)
    {
        var what = function.Trigger switch
        {
            HttpRouteTrigger http => $"http {string.Join(',', http.Methods.Order(StringComparer.Ordinal))} {http.Route}",
            QueueMessageTrigger queue => $"queue {queue.Queue}",
            TimerScheduleTrigger timer => $"timer {timer.Schedule} startup={timer.RunOnStartup}",
            _ => "unknown",
        };
        return $"{function.Name} {function.EntryPoint} {what} -> [{string.Join(',', function.OutputQueues.Order(StringComparer.Ordinal))}]";
    }
}
