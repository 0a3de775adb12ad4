using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Crm.Connector.Testing.WorkerHost.Internal;
using Crm.Connector.Testing.WorkerHost.Protocol;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.WebUtilities;

namespace Crm.Connector.Testing.WorkerHost;

public sealed partial class StandInFunctionsHost
{
    private const string InvocationIdHeader = "x-ms-invocation-id";

    /// <summary>
    /// Invokes a queue-triggered function with <paramref name="message"/> as the host does when it dequeues it: the
    /// message (text, JSON or bytes by the binding's data type) and the trigger metadata (DequeueCount, Id, PopReceipt,
    /// times). Output messages are returned in the result (<see cref="InvocationResult.QueueMessages"/>), not enqueued.
    /// </summary>
    public async Task<InvocationResult> InvokeQueueAsync(string functionName, string message, int dequeueCount = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(dequeueCount, 1);
        var function = LoadedFunction(functionName, "queueTrigger");
        var now = _options.TimeProvider.GetUtcNow();
        var facts = new QueueMessageFacts(Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), message, dequeueCount, now, now.AddDays(7), now.AddMinutes(10));
        var invocationId = Guid.NewGuid().ToString();
        var (answer, sentAt) = Send(function, invocationId, TypedValues.QueueMessage(function.Trigger, facts), TypedValues.QueueMetadata(facts));
        return await ReceiveAsync(function, invocationId, answer, sentAt, cancellationToken);
    }

    /// <summary>
    /// Invokes a timer-triggered function as the host does when its schedule fires: a serialized <c>TimerInfo</c>
    /// (no schedule status, as on a first run).
    /// </summary>
    public async Task<InvocationResult> InvokeTimerAsync(string functionName, bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        var function = LoadedFunction(functionName, "timerTrigger");
        var invocationId = Guid.NewGuid().ToString();
        var (answer, sentAt) = Send(function, invocationId, TypedValues.TimerInfo(isPastDue), []);
        return await ReceiveAsync(function, invocationId, answer, sentAt, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> to an HTTP-triggered function and returns the worker's HTTP answer as it
    /// produced it. See <see cref="InvokeHttpWithResultAsync"/>, which also returns the invocation response.
    /// </summary>
    public async Task<HttpResponseMessage> InvokeHttpAsync(string functionName, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var result = await InvokeHttpWithResultAsync(functionName, request, cancellationToken);
        return result.Response;
    }

    /// <summary>
    /// Drives an HTTP trigger as the host does with ASP.NET Core integration: checks that the request's path and method
    /// reach the function (route prefix from host.json), starts proxying the request to the worker's HTTP server with
    /// the <c>x-ms-invocation-id</c> header and <c>X-Forwarded-*</c> headers, then sends the invocation request (an
    /// empty HTTP input, route values, Query and Headers as trigger metadata) and waits for both answers.
    /// A relative request URI is resolved against <see cref="StandInHostOptions.HttpBaseAddress"/>.
    /// </summary>
    public async Task<HttpInvocationResult> InvokeHttpWithResultAsync(string functionName, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var function = LoadedFunction(functionName, "httpTrigger");
        var workerUri = WorkerHttpUri ?? throw new InvalidOperationException(
            "The worker announced no HttpUri capability, so it does not serve HTTP itself: the stand-in host only proxies HTTP triggers to workers built with ASP.NET Core integration (ConfigureFunctionsWebApplication).");
        var publicUri = request.RequestUri switch
        {
            null => throw new ArgumentException("The request has no URI.", nameof(request)),
            { IsAbsoluteUri: true } absolute => absolute,
            var relative => new Uri(_options.HttpBaseAddress, relative),
        };

        // A request the worker's router would not send to this function would leave the invocation waiting for its
        // HTTP context until the worker gives up: refuse it here, with the reason.
        var route = HttpTriggerRoute.For(function, _routePrefix);
        var routeValues = route.Match(publicUri.AbsolutePath)
            ?? throw new ArgumentException($"'{publicUri.AbsolutePath}' does not match route '{route.Template}' of function '{function.Name}'.", nameof(request));
        var methods = function.Trigger.Methods;
        if (methods.Count > 0 && !methods.Contains(request.Method.Method, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Function '{function.Name}' accepts {string.Join(", ", methods)}, not {request.Method}.", nameof(request));
        }

        await (_workerHttpReady ??= WaitForWorkerHttpAsync(workerUri)).WaitAsync(cancellationToken);

        var invocationId = Guid.NewGuid().ToString();
        using var forward = await ForwardedRequestAsync(request, publicUri, workerUri, invocationId, cancellationToken);
        using var timeout = new CancellationTokenSource(_options.InvocationTimeout, _options.TimeProvider);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        // The host starts forwarding before it sends the invocation request; the worker pairs the two by invocation id.
        var proxied = _http.SendAsync(forward, HttpCompletionOption.ResponseContentRead, sending.Token);
        var (answer, sentAt) = Send(function, invocationId, new TypedData { Http = new RpcHttp() }, HttpMetadata(request, publicUri, routeValues));

        HttpResponseMessage response;
        try
        {
            response = await proxied;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            CancelInvocation(invocationId);
            var why = timeout.IsCancellationRequested ? $"no answer within {_options.InvocationTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : exception.Message;
            throw Failure($"The request proxied to the worker's HTTP server ({forward.RequestUri}) for function '{function.Name}' failed: {why}", exception);
        }

        if (_firstHttpResponse is null)
        {
            _firstHttpResponse = _options.TimeProvider.GetTimestamp();
        }

        try
        {
            var invocation = await ReceiveAsync(function, invocationId, answer, sentAt, cancellationToken);
            return new HttpInvocationResult(response, invocation);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private WorkerFunction LoadedFunction(string functionName, string triggerType)
    {
        var function = Function(functionName);
        if (!string.Equals(function.Trigger.Type, triggerType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Function '{function.Name}' is triggered by {function.Trigger.Type}, not {triggerType}.", nameof(functionName));
        }

        if (!_loaded.ContainsKey(function.FunctionId))
        {
            throw new InvalidOperationException($"Function '{function.Name}' is not loaded: call LoadAllAsync (or LoadAsync) first, as the host loads functions before it invokes them.");
        }

        return function;
    }

    private (Task<StreamingMessage> Answer, long SentAt) Send(WorkerFunction function, string invocationId, TypedData triggerInput, IEnumerable<KeyValuePair<string, TypedData>> triggerMetadata)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" },
        };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = triggerInput });
        foreach (var (key, value) in triggerMetadata)
        {
            request.TriggerMetadata[key] = value;
        }

        var sentAt = _options.TimeProvider.GetTimestamp();
        var answer = _session.RequestAsync(WorkerSession.InvocationKey(invocationId), new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request });
        return (answer, sentAt);
    }

    private async Task<InvocationResult> ReceiveAsync(WorkerFunction function, string invocationId, Task<StreamingMessage> answer, long sentAt, CancellationToken cancellationToken)
    {
        StreamingMessage message;
        try
        {
            message = await AwaitAsync(answer, WorkerSession.InvocationKey(invocationId), $"invocation response from function '{function.Name}' (invocation {invocationId})", _options.InvocationTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is WorkerHostException or OperationCanceledException)
        {
            _session.Forget(WorkerSession.InvocationKey(invocationId));
            CancelInvocation(invocationId);
            throw;
        }

        var receivedAt = _options.TimeProvider.GetTimestamp();
        if (_firstInvocationCompleted is null)
        {
            _firstInvocationCompleted = receivedAt;
        }

        var response = message.InvocationResponse;
        var status = response.Result?.Status switch
        {
            StatusResult.Types.Status.Success => InvocationStatus.Success,
            StatusResult.Types.Status.Cancelled => InvocationStatus.Cancelled,
            _ => InvocationStatus.Failure,
        };
        return new InvocationResult
        {
            Function = function,
            InvocationId = invocationId,
            Status = status,
            Exception = status == InvocationStatus.Success ? null : TypedValues.Describe(response.Result?.Exception),
            Outputs = response.OutputData.Select(o => TypedValues.ToOutput(o.Name, o.Data)).ToArray(),
            ReturnValue = response.ReturnValue is { DataCase: not TypedData.DataOneofCase.None } value ? TypedValues.ToOutput("$return", value) : null,
            Logs = _logs.Where(l => string.Equals(l.InvocationId, invocationId, StringComparison.Ordinal)).ToArray(),
            Elapsed = _options.TimeProvider.GetElapsedTime(sentAt, receivedAt),
        };
    }

    private void CancelInvocation(string invocationId)
    {
        if (_session.IsConnected)
        {
            _session.Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId, GracePeriod = Duration.FromTimeSpan(TimeSpan.Zero) } });
        }
    }

    /// <summary>The request as the host forwards it: same method, path, query, headers and body, plus the correlation header.</summary>
    private static async Task<HttpRequestMessage> ForwardedRequestAsync(HttpRequestMessage request, Uri publicUri, Uri workerUri, string invocationId, CancellationToken cancellationToken)
    {
        var forward = new HttpRequestMessage(request.Method, new Uri(workerUri, publicUri.PathAndQuery)) { Version = HttpVersion.Version11 };
        foreach (var header in request.Headers)
        {
            if (!string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase))
            {
                forward.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (request.Content is not null)
        {
            forward.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            foreach (var header in request.Content.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    forward.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        forward.Headers.Remove(InvocationIdHeader);
        forward.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        forward.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");
        forward.Headers.TryAddWithoutValidation("X-Forwarded-Proto", publicUri.Scheme);
        forward.Headers.TryAddWithoutValidation("X-Forwarded-Host", publicUri.Authority);
        return forward;
    }

    /// <summary>The HTTP trigger's binding data the host sends along: route values, Query and Headers.</summary>
    private static List<KeyValuePair<string, TypedData>> HttpMetadata(HttpRequestMessage request, Uri publicUri, IReadOnlyDictionary<string, string> routeValues)
    {
        var metadata = routeValues.Select(v => new KeyValuePair<string, TypedData>(v.Key, TypedValues.Text(v.Value))).ToList();
        var query = QueryHelpers.ParseQuery(publicUri.Query).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        metadata.Add(new("Query", TypedValues.Json(query)));
        metadata.Add(new("Headers", TypedValues.Json(headers)));
        return metadata;
    }

    /// <summary>
    /// The worker announces its HTTP address before its HTTP server listens (the gRPC client starts first): wait until
    /// it accepts connections, so the first proxied request is not refused.
    /// </summary>
    private async Task WaitForWorkerHttpAsync(Uri workerUri)
    {
        var started = _options.TimeProvider.GetTimestamp();
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(workerUri.Host, workerUri.Port);
                return;
            }
            catch (SocketException exception)
            {
                if (HasExited || _options.TimeProvider.GetElapsedTime(started) > _options.StartupTimeout)
                {
                    throw Failure($"The worker's HTTP server {workerUri} does not accept connections: {exception.Message}", exception);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _options.TimeProvider);
        }
    }
}
