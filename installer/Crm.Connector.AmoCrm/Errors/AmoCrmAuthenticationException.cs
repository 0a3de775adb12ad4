using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// 401 that a token refresh did not cure, or that no refresh can cure: a long-lived token that expired or was revoked,
/// an integration an admin switched off, a wrong client id or secret.
/// </summary>
public sealed class AmoCrmAuthenticationException(string call, HttpStatusCode? status, string title, string detail, string? requestId)
    : AmoCrmException(call, status, title, detail, requestId);
