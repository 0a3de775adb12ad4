using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>The portal refused the request's content (<c>ERROR_CORE</c>, bad fields, limits…): repeating it will not help.</summary>
public sealed class Bitrix24ValidationException(string method, string code, string description, HttpStatusCode? status)
    : Bitrix24Exception(method, code, description, status);
