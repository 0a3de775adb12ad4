using System.Net.Sockets;
using Crm.Connector.Bitrix24.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RestSharp;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>Tells failures that provably never reached the portal from those that may have run there.</summary>
internal static class TransportFailure
{
    /// <summary>
    /// The error for a request that got no HTTP answer. What the HTTP client's own handlers did (a circuit opened for the
    /// host, an attempt timed out) becomes a Bitrix24 transport error here too, never a raw Polly exception.
    /// <paramref name="suffix"/> is added to the description when the request may have run.
    /// </summary>
    public static Bitrix24TransportException From(string method, Uri url, RestResponse response, bool idempotent, TimeSpan? timeout, string? suffix = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(response);
        var error = response.ErrorException;
        if (Find<BrokenCircuitException>(error) is { } broken)
        {
            var host = url.Authority;
            return new Bitrix24CircuitOpenException(method, host, broken.RetryAfter, broken);
        }

        var timedOut = response.ResponseStatus == ResponseStatus.TimedOut || Find<TimeoutRejectedException>(error) is not null;
        var mayHaveRun = timedOut || MayHaveRun(error);
        var what = !timedOut ? response.ErrorMessage ?? "the connection failed"
            : Timeout(error, timeout) is { } limit ? $"no answer within {limit.TotalSeconds:0.#} s"
            : "no answer in time";
        return new Bitrix24TransportException(method, mayHaveRun && suffix is not null ? what + suffix : what, mayHaveRun, idempotent, error);
    }

    /// <summary>True when no HTTP answer came at all (no status line).</summary>
    public static bool NoAnswer(RestResponse response) => response.StatusCode == 0;

    /// <summary>False only when the request cannot have been received (refused connection, unknown host, TLS failure).</summary>
    public static bool MayHaveRun(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
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

    private static TimeSpan? Timeout(Exception? error, TimeSpan? configured) =>
        Find<TimeoutRejectedException>(error)?.Timeout is { } attempt && attempt > TimeSpan.Zero ? attempt : configured;

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
