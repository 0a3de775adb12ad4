using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>5xx (after the retries, for calls that may be repeated), or an answer that is not amoCRM's JSON.</summary>
public sealed class AmoCrmServerException(string call, HttpStatusCode? status, string title, string detail, string? requestId)
    : AmoCrmException(call, status, title, detail, requestId);
