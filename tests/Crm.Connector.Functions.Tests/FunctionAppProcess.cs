using System.Diagnostics;
using System.Net.Http.Json;
using Crm.Connector.Testing;

namespace Crm.Connector.Functions.Tests;

/// <summary>The function app started as its own process on its local host, as a user starts it.</summary>
internal sealed class FunctionAppProcess : IDisposable
{
    private FunctionAppProcess(ChildProcess process, Uri baseAddress)
    {
        Process = process;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ChildProcess Process { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the built app (or <paramref name="executable"/>) with <paramref name="environment"/> and waits until it answers on <paramref name="port"/>.</summary>
    public static async Task<FunctionAppProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment, string? executable = null, string? workingDirectory = null)
    {
        var process = executable is null
            ? ChildProcess.Start(DotNet.Host, [DotNet.BuiltAssembly("functions/Crm.Connector.Functions", "Crm.Connector.Functions")], environment, workingDirectory)
            : ChildProcess.Start(executable, [], environment, workingDirectory);
        var app = new FunctionAppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        await Client.GetFromJsonAsync<T>(path) ?? throw new InvalidOperationException($"GET {path} returned nothing.");

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        // The same readiness test the Functions host uses: any HTTP answer on GET / means "up".
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The function app exited with {Process.ExitCode} before it was ready:\n{Process.Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"The function app did not answer within {timeout}:\n{Process.Output}");
    }
}
