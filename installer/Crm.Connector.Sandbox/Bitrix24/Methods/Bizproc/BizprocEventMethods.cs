using Crm.Connector.Sandbox.Bitrix24.Rest;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Bizproc;

/// <summary>
/// <c>bizproc.event.send</c> (bitrix24-rest.md §5.4): EVENT_TOKEN* from a robot call, RETURN_VALUES, LOG_MESSAGE. The
/// token is the capability (any user may call); an unknown or already used token, or a robot that does not wait
/// (USE_SUBSCRIPTION=N), is 403 ACCESS_DENIED. The values are kept (visible in the state).
/// </summary>
internal static class BizprocEventMethods
{
    public static void Register(MethodRegistry methods) => methods.Add("bizproc.event.send", Send);

    private static MethodResult Send(MethodCall call)
    {
        var token = call.Parameters.String("EVENT_TOKEN") ?? "";
        if (!call.State.RobotCalls.TryGetValue(token, out var robotCall) || robotCall.Answered)
        {
            throw RestException.AccessDenied("The event token is invalid or has already been used.");
        }

        if (!robotCall.Waits)
        {
            throw RestException.AccessDenied("The robot does not wait for an answer (USE_SUBSCRIPTION=N).");
        }

        call.State.RobotCalls[token] = robotCall with
        {
            Answered = true,
            ReturnValues = call.Parameters.Get("RETURN_VALUES")?.DeepClone(),
            LogMessage = call.Parameters.String("LOG_MESSAGE"),
        };
        return MethodResult.True;
    }
}
