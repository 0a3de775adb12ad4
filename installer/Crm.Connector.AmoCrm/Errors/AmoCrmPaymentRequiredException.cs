using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>402: the account is unpaid or its trial is over; nothing works until someone pays.</summary>
public sealed class AmoCrmPaymentRequiredException(string call, HttpStatusCode? status, string title, string detail, string? requestId)
    : AmoCrmException(call, status, title, detail, requestId);
