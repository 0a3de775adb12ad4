using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>The portal did not accept who we are: <c>NO_AUTH_FOUND</c>, <c>invalid_token</c>, <c>INVALID_CREDENTIALS</c>.</summary>
public sealed class Bitrix24AuthenticationException(string method, string code, string description, HttpStatusCode? status)
    : Bitrix24Exception(method, code, description, status);
