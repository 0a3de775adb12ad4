using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RestSharp;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>Tells a lost answer (none, cut off, timed out) from an answer, and whether the request may have run.</summary>
internal static class LostAnswer
{
    /// <summary>
    /// True when no complete answer came: no status line, a timeout, or a body that broke off. RestSharp also reports an
    /// error status (4xx/5xx) as an error, with an exception naming that status: that one is an answer.
    /// </summary>
    public static bool Is(RestResponse response) =>
        response.StatusCode == 0
        || response.ResponseStatus is ResponseStatus.TimedOut or ResponseStatus.Aborted
        || (response.ErrorException is { } error && !(error is HttpRequestException { StatusCode: { } status } && status == response.StatusCode));

    /// <summary>False only when the request cannot have been received (refused connection, unknown host, TLS failure, open circuit).</summary>
    public static bool MayHaveRun(RestResponse response)
    {
        if (response.StatusCode != 0)
        {
            return true;
        }

        for (var e = response.ErrorException; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                    return false;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable }:
                    return false;
                case BrokenCircuitException:
                    return false;
            }
        }

        return true;
    }

    /// <summary>What happened, in words.</summary>
    public static string Describe(RestResponse response)
    {
        var timedOut = response.ResponseStatus == ResponseStatus.TimedOut || Find<TimeoutRejectedException>(response.ErrorException) is not null;
        return timedOut ? "no answer in time"
            : response.StatusCode != 0 ? $"the answer (HTTP {(int)response.StatusCode}) broke off: {response.ErrorMessage}"
            : response.ErrorMessage ?? "the connection failed";
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
