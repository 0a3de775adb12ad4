using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>503 <c>QUERY_LIMIT_EXCEEDED</c>: the portal's leaky bucket is full; the call did not run and may be repeated.</summary>
public sealed class Bitrix24QueryLimitExceededException(string method, string description, HttpStatusCode? status)
    : Bitrix24Exception(method, Bitrix24ErrorCodes.QueryLimitExceeded, description, status)
{
    public override bool IsTransient => true;
}
