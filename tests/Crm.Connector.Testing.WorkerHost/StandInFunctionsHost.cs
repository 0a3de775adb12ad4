using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Connector.Testing.WorkerHost.Internal;
using Crm.Connector.Testing.WorkerHost.Protocol;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Testing.WorkerHost;

/// <summary>
/// A stand-in for the Azure Functions host, for tests of a published isolated-worker function app where the real
/// host (Core Tools, <c>func</c>) is not available.
/// </summary>
/// <remarks>
/// <para>
/// It plays the host's part of the language-worker protocol: it serves the <c>FunctionRpc.EventStream</c> gRPC
/// service on loopback, starts the worker process with the arguments and environment the host passes
/// (<c>--functions-uri</c>, <c>--functions-worker-id</c>, <c>FUNCTIONS_WORKER_RUNTIME=dotnet-isolated</c>,
/// <c>FUNCTIONS_APPLICATION_DIRECTORY</c>...), waits for <c>StartStream</c>, sends the init request, asks for the
/// function metadata (worker indexing), loads functions and sends invocation requests shaped like the host's:
/// a queue message with its trigger metadata, a serialized <c>TimerInfo</c>, or, for an HTTP trigger with ASP.NET
/// Core integration, an empty HTTP input over gRPC while the request itself is proxied to the worker's own HTTP
/// server (the <c>HttpUri</c> capability of its init response) with the <c>x-ms-invocation-id</c> header.
/// </para>
/// <para>
/// It proves that the publish output starts, lists and loads its functions and runs them for real; it does not
/// run triggers (no queue polling or schedules) and does not enqueue output messages — it returns them.
/// Every wait has a timeout; failures throw <see cref="WorkerHostException"/> with the worker's captured output.
/// Disposing terminates the worker (and kills its process tree if it does not stop).
/// </para>
/// </remarks>
public sealed partial class StandInFunctionsHost : IAsyncDisposable
{
    private const int DiagnosticLines = 40;
    private readonly StandInHostOptions _options;
    private readonly WorkerSession _session;
    private readonly ConcurrentQueue<WorkerLogEntry> _logs = new();
    private readonly ConcurrentDictionary<string, bool> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RpcFunctionMetadata> _metadata = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpClient _http;
    private readonly string _routePrefix;
    private WebApplication? _server;
    private WorkerProcess? _process;
    private long _processStartedAt;
    private long? _streamStarted;
    private long? _workerInitialized;
    private long? _metadataReceived;
    private long? _functionsLoaded;
    private long? _firstInvocationCompleted;
    private long? _firstHttpResponse;
    private Task? _workerHttpReady;
    private int _disposed;

    private StandInFunctionsHost(StandInHostOptions options)
    {
        _options = options;
        _session = new WorkerSession(OnLog);
        _routePrefix = HttpTriggerRoute.ReadRoutePrefix(options.AppDirectory);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The gRPC address the worker was told to dial (<c>--functions-uri</c>).</summary>
    public Uri FunctionsUri { get; private set; } = null!;

    /// <summary>The id passed as <c>--functions-worker-id</c> (and echoed in StartStream).</summary>
    public string WorkerId { get; } = Guid.NewGuid().ToString();

    /// <summary>The worker's process id.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Whether the worker process has ended.</summary>
    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>The worker's version from its init response.</summary>
    public string WorkerVersion { get; private set; } = "";

    /// <summary>The capabilities the worker announced in its init response.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The worker's own HTTP server (capability <c>HttpUri</c>), when it proxies HTTP triggers (ASP.NET Core integration).</summary>
    public Uri? WorkerHttpUri { get; private set; }

    /// <summary>The functions the worker listed, in its order.</summary>
    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    /// <summary>Log messages the worker sent over the protocol so far.</summary>
    public IReadOnlyList<WorkerLogEntry> WorkerLogs => _logs.ToArray();

    /// <summary>The worker's standard output so far.</summary>
    public string StandardOutput => string.Join('\n', _process?.StandardOutput ?? []);

    /// <summary>The worker's standard error so far.</summary>
    public string StandardError => string.Join('\n', _process?.StandardError ?? []);

    /// <summary>Cold-start milestones, measured from the process start.</summary>
    public StandInHostTimings Timings => new()
    {
        StreamStarted = Since(_streamStarted),
        WorkerInitialized = Since(_workerInitialized),
        MetadataReceived = Since(_metadataReceived),
        FunctionsLoaded = Since(_functionsLoaded),
        FirstInvocationCompleted = Since(_firstInvocationCompleted),
        FirstHttpResponse = Since(_firstHttpResponse),
    };

    /// <summary>
    /// Starts the gRPC server and the worker, and takes the worker through StartStream, init and the metadata request.
    /// Functions are listed in <see cref="Functions"/>; call <see cref="LoadAllAsync"/> before invoking.
    /// </summary>
    public static async Task<StandInFunctionsHost> StartAsync(StandInHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.AppDirectory))
        {
            throw new DirectoryNotFoundException($"The function app directory '{options.AppDirectory}' does not exist: publish the worker first.");
        }

        var host = new StandInFunctionsHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The function named <paramref name="name"/> (case-insensitive).</summary>
    public WorkerFunction Function(string name) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The worker lists no function '{name}'; it lists: {string.Join(", ", Functions.Select(f => f.Name))}.", nameof(name));

    /// <summary>Sends a load request for every function (as the host does after indexing) and waits for all to succeed.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(Functions.Select(f => LoadAsync(f.Name, cancellationToken)));
        _functionsLoaded ??= _options.TimeProvider.GetTimestamp();
    }

    /// <summary>Loads one function; the worker resolves its entry point and bindings.</summary>
    public async Task LoadAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var function = Function(functionName);
        var key = WorkerSession.LoadKey(function.FunctionId);
        var request = new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = _metadata[function.Name] },
        };
        var answer = await AwaitAsync(_session.RequestAsync(key, request), key, $"the load response of function '{function.Name}'", _options.ResponseTimeout, cancellationToken);
        var result = answer.FunctionLoadResponse.Result;
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw Failure($"The worker failed to load function '{function.Name}' ({function.EntryPoint}): {TypedValues.Describe(result?.Exception)}");
        }

        _loaded[function.FunctionId] = true;
    }

    /// <summary>A text with the worker's state, captured standard error and output, and its last log messages.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Worker: {_options.WorkerExecutable} {string.Join(' ', _options.WorkerArguments)} (pid {ProcessId}, ");
        text.Append(_process?.ExitCode is { } exitCode ? $"exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}" : "running").Append(")\n");
        text.Append(CultureInfo.InvariantCulture, $"Timings: {Timings}\n");
        AppendTail(text, "standard error", _process?.StandardError ?? []);
        AppendTail(text, "standard output", _process?.StandardOutput ?? []);
        AppendTail(text, "worker log messages", _logs.Select(l => l.ToString()).ToArray());
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_process is { HasExited: false } process && _session.IsConnected)
        {
            // The host's graceful stop: the worker stops its application and exits.
            _session.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) } });
            await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
        }

        if (_process is not null)
        {
            _process.Kill();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(5));
        }

        _session.Stop();
        if (_server is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _server.StopAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // A stop that overruns must not hide the exception of the test being torn down.
            }

            await _server.DisposeAsync();
        }

        _process?.Dispose();
        _session.Dispose();
        _http.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _server = BuildServer(_session);
        await _server.StartAsync(cancellationToken);
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The gRPC server did not report its address.");
        var port = new Uri(address).Port;
        FunctionsUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

        var arguments = _options.WorkerArguments.Concat(
        [
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--functions-uri", FunctionsUri.AbsoluteUri,
            "--functions-worker-id", WorkerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", _options.GrpcMaxMessageLength.ToString(CultureInfo.InvariantCulture),
        ]).ToArray();
        var executable = ResolveExecutable(_options.WorkerExecutable, arguments, out var finalArguments);
        _processStartedAt = _options.TimeProvider.GetTimestamp();
        try
        {
            _process = WorkerProcess.Start(executable, finalArguments, WorkerEnvironment(), _options.WorkingDirectory ?? _options.AppDirectory);
        }
        catch (Win32Exception exception)
        {
            throw new WorkerHostException($"Could not start the worker '{executable}' in '{_options.WorkingDirectory ?? _options.AppDirectory}': {exception.Message}", exception);
        }

        _ = ReportExitAsync(_process);

        var workerId = await AwaitAsync(_session.Started, null, "the worker's StartStream", _options.StartupTimeout, cancellationToken);
        _streamStarted = _options.TimeProvider.GetTimestamp();
        if (!string.Equals(workerId, WorkerId, StringComparison.Ordinal))
        {
            throw Failure($"The worker sent StartStream with worker id '{workerId}', not the '{WorkerId}' it was given.");
        }

        await InitializeAsync(cancellationToken);
        await ReadMetadataAsync(cancellationToken);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var request = new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = _options.HostVersion,
                WorkerDirectory = _options.AppDirectory,
                FunctionAppDirectory = _options.AppDirectory,
            },
        };
        var answer = await AwaitAsync(_session.RequestAsync(WorkerSession.InitKey, request), WorkerSession.InitKey, "the worker init response", _options.ResponseTimeout, cancellationToken);
        _workerInitialized = _options.TimeProvider.GetTimestamp();
        var init = answer.WorkerInitResponse;
        if (init.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw Failure($"The worker failed to initialize: {TypedValues.Describe(init.Result?.Exception)}");
        }

        WorkerVersion = init.WorkerVersion;
        WorkerCapabilities = new Dictionary<string, string>(init.Capabilities, StringComparer.Ordinal);
        if (init.Capabilities.TryGetValue("HttpUri", out var httpUri) && Uri.TryCreate(httpUri, UriKind.Absolute, out var uri))
        {
            WorkerHttpUri = uri;
        }
    }

    private async Task ReadMetadataAsync(CancellationToken cancellationToken)
    {
        var request = new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = _options.AppDirectory },
        };
        var answer = await AwaitAsync(_session.RequestAsync(WorkerSession.MetadataKey, request), WorkerSession.MetadataKey, "the function metadata response", _options.ResponseTimeout, cancellationToken);
        _metadataReceived = _options.TimeProvider.GetTimestamp();
        var metadata = answer.FunctionMetadataResponse;
        if (metadata.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw Failure($"The worker failed to list its functions: {TypedValues.Describe(metadata.Result?.Exception)}");
        }

        if (metadata.UseDefaultMetadataIndexing)
        {
            throw Failure("The worker asks the host to index function.json files itself; the stand-in host supports worker indexing only.");
        }

        var functions = new List<WorkerFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            _metadata[function.Name] = function;
            functions.Add(new WorkerFunction(function.Name, function.FunctionId, function.EntryPoint, function.ScriptFile, function.RawBindings.Select(ToBinding).ToArray()));
        }

        Functions = functions;
    }

    private async Task ReportExitAsync(WorkerProcess process)
    {
        var exitCode = await process.Exited;
        _session.Lose(new InvalidOperationException($"The worker process exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}."));
    }

    private static WorkerFunctionBinding ToBinding(string rawJson)
    {
        using var json = JsonDocument.Parse(rawJson);
        var root = json.RootElement;
        string? Text(string name) => WorkerFunctionBinding.Find(root, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
        var direction = Text("direction")?.ToUpperInvariant() switch
        {
            "OUT" => BindingDirection.Out,
            "INOUT" => BindingDirection.InOut,
            _ => BindingDirection.In,
        };
        return new WorkerFunctionBinding(Text("name") ?? "", Text("type") ?? "", direction, Text("dataType"), rawJson);
    }

    private static WebApplication BuildServer(WorkerSession session)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(StandInFunctionsHost).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(session);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        return app;
    }

    private Dictionary<string, string> WorkerEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = _options.AppDirectory,
            ["FUNCTIONS_WORKER_DIRECTORY"] = _options.AppDirectory,
            ["AzureWebJobsScriptRoot"] = _options.AppDirectory,
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in _options.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static string ResolveExecutable(string executable, string[] arguments, out string[] finalArguments)
    {
        if (executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            finalArguments = [executable, .. arguments];
            return DotNetHost;
        }

        finalArguments = arguments;
        return string.Equals(executable, "dotnet", StringComparison.Ordinal) ? DotNetHost : executable;
    }

    private static string DotNetHost =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    private async Task<T> AwaitAsync<T>(Task<T> answer, string? key, string waitingFor, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await answer.WaitAsync(timeout, _options.TimeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            if (key is not null)
            {
                _session.Forget(key);
            }

            throw Failure($"Timed out after {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s waiting for {waitingFor}.");
        }
        catch (InvalidOperationException lost) when (answer.IsFaulted)
        {
            throw Failure($"Gave up waiting for {waitingFor}: {lost.Message}", lost);
        }
    }

    private WorkerHostException Failure(string message, Exception? inner = null) => new($"{message}\n{Diagnostics()}", inner);

    private void OnLog(RpcLog log)
    {
        _logs.Enqueue(new WorkerLogEntry(
            Since(_options.TimeProvider.GetTimestamp()) ?? TimeSpan.Zero,
            (LogLevel)(int)log.Level,
            log.Category,
            log.Message,
            log.Exception is null ? null : TypedValues.Describe(log.Exception),
            log.InvocationId.Length == 0 ? null : log.InvocationId,
            log.LogCategory == RpcLog.Types.RpcLogCategory.System));
    }

    private TimeSpan? Since(long? timestamp) =>
        timestamp is { } value && _processStartedAt != 0 ? _options.TimeProvider.GetElapsedTime(_processStartedAt, value) : null;

    private static void AppendTail(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        text.Append(CultureInfo.InvariantCulture, $"--- {title} ({lines.Count} lines");
        text.Append(lines.Count > DiagnosticLines ? $", last {DiagnosticLines.ToString(CultureInfo.InvariantCulture)})" : ")").Append(" ---\n");
        foreach (var line in lines.Skip(Math.Max(0, lines.Count - DiagnosticLines)))
        {
            text.Append(line).Append('\n');
        }
    }
}
