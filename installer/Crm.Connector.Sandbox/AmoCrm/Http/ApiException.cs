namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>Stops a route handler with an error answer. Thrown before any change is made (requests are all-or-nothing).</summary>
internal sealed class ApiException : Exception
{
    public ApiException()
        : this(ApiProblem.Of(400, "Bad Request"))
    {
    }

    public ApiException(string message)
        : this(ApiProblem.Of(400, message))
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException) => Result = ApiProblem.Of(400, message);

    public ApiException(ApiResult result)
        : base((string?)result.Body?["detail"]) => Result = result;

    public ApiResult Result { get; }
}
