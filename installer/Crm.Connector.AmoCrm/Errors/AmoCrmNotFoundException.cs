using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>404: no such entity (or no such method).</summary>
public sealed class AmoCrmNotFoundException(string call, HttpStatusCode? status, string title, string detail, string? requestId)
    : AmoCrmException(call, status, title, detail, requestId);
