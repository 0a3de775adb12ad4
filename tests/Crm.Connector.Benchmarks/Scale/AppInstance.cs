using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Testing;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// One instance of the function app: the built <c>Crm.Connector.Functions.dll</c> started as its own process on the
/// embedded local host, as a scaled-out instance runs — its own port, the shared store, the proxy as its public address.
/// Separate processes, not hosts in the benchmark's process, so a kill is a real SIGKILL and instances share nothing but
/// the database.
/// </summary>
internal sealed class AppInstance : IDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _probe;

    private AppInstance(ChildProcess process, Uri url, int number)
    {
        _process = process;
        Url = url;
        Number = number;
        _probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>Where this instance listens (a backend of the proxy).</summary>
    public Uri Url { get; }

    /// <summary>1, 2, 3… in the order the run started them (for messages).</summary>
    public int Number { get; }

    /// <summary>The process id (what the instance's lease owner name carries).</summary>
    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the instance has used so far (Linux; zero elsewhere or once it is gone).</summary>
    public TimeSpan Cpu => MachineLoad.ProcessCpu(_process.Id);

    /// <summary>Its output so far (warnings and errors only, as the run configures logging).</summary>
    public string Output => _process.Output;

    /// <summary>The built app, next to this benchmark's own build (same configuration); a clear error when it is missing.</summary>
    public static string Assembly
    {
        get
        {
            var path = DotNet.BuiltAssembly("functions/Crm.Connector.Functions", "Crm.Connector.Functions");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing; build the app first (dotnet run -c {DotNet.Configuration} --project tests/Crm.Connector.Benchmarks builds it).");
        }
    }

    /// <summary>Starts an instance with <paramref name="environment"/> on a free port and waits until it answers.</summary>
    public static async Task<AppInstance> StartAsync(int number, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}/"));
        var settings = new Dictionary<string, string>(environment) { ["LocalHost__Url"] = url.AbsoluteUri.TrimEnd('/') };
        var instance = new AppInstance(ChildProcess.Start(DotNet.Host, [Assembly], settings), url, number);
        try
        {
            await instance.WaitUntilReadyAsync(timeout);
            return instance;
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed, leases left to run out — a crash or an evicted instance.</summary>
    public void Kill() => _process.Dispose();

    /// <summary>SIGTERM and a wait for the exit: a scale-in, the instance finishing what it holds.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        _process.Terminate();
        try
        {
            await _process.WaitForExitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // WaitForExitAsync killed it; a stop that had to be forced is still a stop.
        }
    }

    public void Dispose()
    {
        _probe.Dispose();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        // The readiness test the Functions host uses: any HTTP answer on GET / means "up".
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"App instance {Number} exited with {_process.ExitCode} before it was ready:\n{_process.Output}");
            }

            try
            {
                using var response = await _probe.GetAsync(new Uri("/", UriKind.Relative));
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"App instance {Number} did not answer within {timeout}:\n{_process.Output}");
    }
}
