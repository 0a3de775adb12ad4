using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>
/// Known caller, not allowed: <c>ACCESS_DENIED</c>, <c>insufficient_scope</c>, <c>user_access_error</c>,
/// <c>WRONG_AUTH_TYPE</c>, <c>METHOD_CONFIRM_WAITING</c>. The description says which (a missing scope, an
/// app-only method called through a webhook, a non-admin user).
/// </summary>
public sealed class Bitrix24AccessDeniedException(string method, string code, string description, HttpStatusCode? status)
    : Bitrix24Exception(method, code, description, status);
