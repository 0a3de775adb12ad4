using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>The method or the object does not exist: <c>ERROR_METHOD_NOT_FOUND</c>, <c>NOT_FOUND</c>, <c>OWNER_NOT_FOUND</c>, 404s.</summary>
public sealed class Bitrix24NotFoundException(string method, string code, string description, HttpStatusCode? status)
    : Bitrix24Exception(method, code, description, status);
