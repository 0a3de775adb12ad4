using Crm.Connector.Testing.WorkerHost.Protocol;
using Grpc.Core;

namespace Crm.Connector.Testing.WorkerHost.Internal;

/// <summary>The gRPC service the worker dials (<c>--functions-uri</c>): hands its stream to the session.</summary>
internal sealed class FunctionRpcService(WorkerSession session) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        session.RunAsync(requestStream, responseStream, context.CancellationToken);
}
