using System.Net.Sockets;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>Tells failures that provably never reached the portal from those that may have run there.</summary>
internal static class TransportFailure
{
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
            }
        }

        return true;
    }
}
