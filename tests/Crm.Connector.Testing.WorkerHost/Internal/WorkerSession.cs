using System.Collections.Concurrent;
using System.Threading.Channels;
using Crm.Connector.Testing.WorkerHost.Protocol;
using Grpc.Core;

namespace Crm.Connector.Testing.WorkerHost.Internal;

/// <summary>
/// The host's side of the worker's one gRPC stream: a single writer for outgoing messages and a dispatcher that
/// completes the pending request each incoming answer belongs to.
/// </summary>
internal sealed class WorkerSession(Action<RpcLog> onLog) : IDisposable
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _connected;
    private Exception? _lostReason;

    /// <summary>Completes with the worker id of the StartStream message.</summary>
    public Task<string> Started => _started.Task;

    /// <summary>Completes with the reason once the stream or the worker process is gone.</summary>
    public Task<Exception> Lost => _lost.Task;

    public bool IsConnected => Volatile.Read(ref _connected) == 1 && Volatile.Read(ref _lostReason) is null;

    /// <summary>Serves one EventStream call for as long as it lasts.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken callCancelled)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, _stop.Token);
        if (!await reader.MoveNext(running.Token))
        {
            return;
        }

        if (reader.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.FailedPrecondition, $"Expected StartStream first, got {reader.Current.ContentCase}."));
        }

        if (Interlocked.Exchange(ref _connected, 1) == 1)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "This host serves one worker, which is already connected."));
        }

        _started.TrySetResult(reader.Current.StartStream.WorkerId);
        var writing = WriteAllAsync(writer, running.Token);
        try
        {
            while (await reader.MoveNext(running.Token))
            {
                Dispatch(reader.Current);
            }

            Lose(new InvalidOperationException("The worker closed its gRPC stream."));
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or Grpc.Core.RpcException or InvalidOperationException)
        {
            Lose(_stop.IsCancellationRequested
                ? new InvalidOperationException("The stand-in host was stopped.")
                : new InvalidOperationException($"The worker's gRPC stream broke: {exception.Message}", exception));
        }
        finally
        {
            await running.CancelAsync();
            try
            {
                await writing;
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The stream is over; nothing more can be written.
            }
        }
    }

    /// <summary>Sends <paramref name="message"/> and waits for the answer registered under <paramref name="key"/>.</summary>
    public Task<StreamingMessage> RequestAsync(string key, StreamingMessage message)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, answer))
        {
            throw new InvalidOperationException($"Already waiting for '{key}'.");
        }

        if (_lostReason is { } reason)
        {
            _pending.TryRemove(key, out _);
            answer.TrySetException(reason);
            return answer.Task;
        }

        _outgoing.Writer.TryWrite(message);
        return answer.Task;
    }

    /// <summary>Sends a message that has no answer.</summary>
    public void Send(StreamingMessage message) => _outgoing.Writer.TryWrite(message);

    /// <summary>Stops waiting for <paramref name="key"/> (after a timeout).</summary>
    public void Forget(string key) => _pending.TryRemove(key, out _);

    /// <summary>Fails every pending request and the start: the stream or the process is gone.</summary>
    public void Lose(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is not null)
        {
            return;
        }

        _lost.TrySetResult(reason);

        _started.TrySetException(reason);
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var answer))
            {
                answer.TrySetException(reason);
            }
        }
    }

    /// <summary>Ends the stream from the host's side.</summary>
    public void Stop()
    {
        Lose(new InvalidOperationException("The stand-in host was stopped."));
        _outgoing.Writer.TryComplete();
        _stop.Cancel();
    }

    public void Dispose() => _stop.Dispose();

    public static string InvocationKey(string invocationId) => "invocation:" + invocationId;

    public static string LoadKey(string functionId) => "load:" + functionId;

    public const string InitKey = "init";

    public const string MetadataKey = "metadata";

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                onLog(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Complete(InitKey, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Complete(MetadataKey, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete(LoadKey(message.FunctionLoadResponse.FunctionId), message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(InvocationKey(message.InvocationResponse.InvocationId), message);
                break;
            default:
                // Messages the stand-in host does not model (and unknown ones, which arrive as None) are ignored.
                break;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (_pending.TryRemove(key, out var answer))
        {
            answer.TrySetResult(message);
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            await writer.WriteAsync(message, cancellationToken);
        }
    }
}
