using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>401 <c>expired_token</c>: the access token ran out; the client refreshes once and repeats the call.</summary>
public sealed class Bitrix24ExpiredTokenException(string method, string description, HttpStatusCode? status)
    : Bitrix24Exception(method, Bitrix24ErrorCodes.ExpiredToken, description, status);
