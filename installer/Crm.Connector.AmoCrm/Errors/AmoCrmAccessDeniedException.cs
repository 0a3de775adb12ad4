using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>403 as a problem+json about rights (an admin-only method called by a user's token), not an IP block.</summary>
public sealed class AmoCrmAccessDeniedException(string call, HttpStatusCode? status, string title, string detail, string? requestId)
    : AmoCrmException(call, status, title, detail, requestId);
