using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>
/// The portal failed on its side (<c>INTERNAL_SERVER_ERROR</c>, <c>OVERLOAD_LIMIT</c>, an HTML error page…). Safe to
/// repeat only when the method is idempotent, since the call may have run.
/// </summary>
public sealed class Bitrix24ServerException(string method, string code, string description, HttpStatusCode? status, bool idempotent)
    : Bitrix24Exception(method, code, description, status)
{
    public override bool IsTransient => idempotent;
}
