using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Crm.Connector.Testing.WorkerHost.Internal;

/// <summary>The worker process with its standard output and error captured line by line.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int KeptLines = 2000;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    private bool _disposed;

    private WorkerProcess(Process process)
    {
        _process = process;
        Id = process.Id;
        _process.OutputDataReceived += (_, e) => Add(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Exited = WatchAsync();
    }

    public int Id { get; }

    public bool HasExited => ExitCode is not null || _disposed || _process.HasExited;

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited { get; }

    /// <summary>The exit code once the process has ended and its output is drained.</summary>
    public int? ExitCode { get; private set; }

    public IReadOnlyList<string> StandardOutput => _output.ToArray();

    public IReadOnlyList<string> StandardError => _error.ToArray();

    public static WorkerProcess Start(string fileName, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        return new WorkerProcess(process);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end by itself.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await Exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Kills the process and everything it started.</summary>
    public void Kill()
    {
        try
        {
            if (!HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Kill();
        _disposed = true;
        _process.Dispose();
    }

    private async Task<int> WatchAsync()
    {
        await _process.WaitForExitAsync();
        ExitCode = _process.ExitCode;
        return _process.ExitCode;
    }

    private static void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        while (lines.Count > KeptLines && lines.TryDequeue(out _))
        {
        }
    }
}
