using System.Net;
using Crm.Connector.Testing.WorkerHost;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Crm.Connector.Functions.Tests;

/// <summary>
/// The publish output is a working isolated worker: a stand-in Functions host starts it the way the real host does,
/// speaks the worker's gRPC protocol to it, sees the eight functions with their triggers, loads them all, and one
/// HTTP, one queue and one timer invocation reach the app's real code.
/// </summary>
[Collection(PublishedApp.Collection)]
public sealed class WorkerProtocolTests(WorkerProtocolTests.RunningWorker worker, ITestOutputHelper output) : IClassFixture<WorkerProtocolTests.RunningWorker>
{
    [Fact]
    public void Metadata_ListsExactlyTheNineteenFunctions() =>
        Assert.Equal(
            ["amocrm-connect", "amocrm-install", "amocrm-provision", "amocrm-uninstall", "amocrm-webhooks", "app-import", "app-page", "app-placement", "app-settings", "bitrix24-events", "bitrix24-install", "bitrix24-robot", "crm-work", "due-jobs", "health", "import-run", "onec-sync", "reconcile", "reconcile-portal"],
            worker.Host.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("bitrix24-install", "httpTrigger", "bitrix24/install")]
    [InlineData("bitrix24-events", "httpTrigger", "bitrix24/events")]
    [InlineData("bitrix24-robot", "httpTrigger", "bitrix24/robots/{code}")]
    [InlineData("health", "httpTrigger", "health")]
    [InlineData("crm-work", "queueTrigger", "crm-work")]
    [InlineData("reconcile-portal", "queueTrigger", "reconcile-portal")]
    [InlineData("due-jobs", "timerTrigger", "0 * * * * *")]
    [InlineData("reconcile", "timerTrigger", "0 */10 * * * *")]
    [InlineData("onec-sync", "timerTrigger", "*/5 * * * * *")]
    [InlineData("app-page", "httpTrigger", "app")]
    [InlineData("app-placement", "httpTrigger", "app/placements/{key}")]
    [InlineData("import-run", "queueTrigger", "imports")]
    public void Metadata_Function_HasItsTrigger(string name, string triggerType, string routeQueueOrSchedule)
    {
        var trigger = worker.Host.Function(name).Trigger;

        Assert.Equal(triggerType, trigger.Type, ignoreCase: true);
        Assert.Equal(routeQueueOrSchedule, trigger.Route ?? trigger.QueueName ?? trigger.Schedule);
    }

    [Fact]
    public async Task Health_OverTheProxiedHttpPath_ReportsTheWorkerMode()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");

        using var result = await worker.Host.InvokeHttpWithResultAsync("health", request);
        var body = await result.Response.Content.ReadAsStringAsync();
        output.WriteLine($"cold start: {worker.Host.Timings}");

        // A throwing HTTP function still gets a 200 from the worker; the invocation says whether it succeeded.
        Assert.True(result.Invocation.Succeeded, result.Invocation.Exception);
        Assert.True(result.Response.StatusCode == HttpStatusCode.OK, $"{(int)result.Response.StatusCode}: {body}");
        var health = JObject.Parse(body);
        Assert.Equal(("ok", "isolated-worker", "Sqlite"), (health.Value<string>("status"), health.Value<string>("mode"), health.Value<string>("store")));
    }

    [Fact]
    public async Task Events_UnknownPortal_IsRefusedWith401AndQueuesNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bitrix24/events")
        {
            Content = new StringContent(
                "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=7&ts=1700000000&auth%5Bdomain%5D=acme.bitrix24.ru&auth%5Bmember_id%5D=nobody&auth%5Bapplication_token%5D=forged",
                System.Text.Encoding.UTF8,
                "application/x-www-form-urlencoded"),
        };

        using var result = await worker.Host.InvokeHttpWithResultAsync("bitrix24-events", request);

        Assert.True(result.Invocation.Succeeded, result.Invocation.Exception);
        Assert.Equal(HttpStatusCode.Unauthorized, result.Response.StatusCode);
        Assert.Empty(result.Invocation.QueueMessages("crm-work"));
    }

    [Fact]
    public async Task CrmWork_DrainForAPortalWithoutWork_SucceedsAndQueuesNothing()
    {
        var result = await worker.Host.InvokeQueueAsync("crm-work", """{"kind":"drain","memberId":"portal-without-work"}""");

        Assert.True(result.Succeeded, result.Exception);
        Assert.Empty(result.QueueMessages("crm-work"));
    }

    [Theory]
    [InlineData("due-jobs")]
    [InlineData("reconcile")]
    public async Task Timer_WhenItFires_Succeeds(string name)
    {
        var result = await worker.Host.InvokeTimerAsync(name);

        Assert.True(result.Succeeded, result.Exception);
        Assert.Empty(result.QueueMessages("crm-work"));
    }

    /// <summary>The published app started under the stand-in host with every function loaded, on a throwaway SQLite store.</summary>
    public sealed class RunningWorker : IAsyncLifetime
    {
        private readonly string _root = Directory.CreateTempSubdirectory("crmc-worker-").FullName;

        public StandInFunctionsHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var options = StandInHostOptions.ForPublishedApp(await PublishedApp.PublishOnceAsync());
            options.Environment["ConnectionStrings__Store"] = Path.Combine(_root, "store.db");
            options.Environment["Bitrix24__ClientId"] = "app.test";
            options.Environment["Bitrix24__ClientSecret"] = "secret";
            Host = await StandInFunctionsHost.StartAsync(options);
            await Host.LoadAllAsync();
        }

        public async Task DisposeAsync()
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }

            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // The worker's store file may still be closing; the temp folder is cleaned by the OS.
            }
        }
    }
}
