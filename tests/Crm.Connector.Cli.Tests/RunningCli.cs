using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary>The command line running in-process until stopped, its output readable while it runs.</summary>
internal sealed class RunningCli : IAsyncDisposable
{
    private readonly SharedWriter _out = new();
    private readonly SharedWriter _error = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;

    private RunningCli(string[] args) => _run = Task.Run(() => CliApp.RunAsync(args, _out, _error, _stop.Token));

    public string Out => _out.Text;

    public string Error => _error.Text;

    public bool HasExited => _run.IsCompleted;

    public static RunningCli Start(params string[] args) => new(args);

    public async Task WaitForOutputAsync(Func<string, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Out))
        {
            Assert.False(HasExited, $"the command ended: {Out}{Error}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"timed out; output: {Out}{Error}");
            await Task.Delay(20);
        }
    }

    public async Task<JObject> WaitForJsonAsync()
    {
        JObject? parsed = null;
        await WaitForOutputAsync(text =>
        {
            try
            {
                parsed = text.TrimStart().StartsWith('{') ? JObject.Parse(text) : null;
            }
            catch (Newtonsoft.Json.JsonReaderException)
            {
                parsed = null;
            }

            return parsed is not null;
        });
        return parsed!;
    }

    /// <summary>Ctrl+C: cancels and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
        _out.Dispose();
        _error.Dispose();
    }
}
