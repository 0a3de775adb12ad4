using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary><c>PAYMENT_REQUIRED</c>: the app's paid period on the portal is over; no calls until it is paid.</summary>
public sealed class Bitrix24PaymentRequiredException(string method, string description, HttpStatusCode? status)
    : Bitrix24Exception(method, Bitrix24ErrorCodes.PaymentRequired, description, status);
