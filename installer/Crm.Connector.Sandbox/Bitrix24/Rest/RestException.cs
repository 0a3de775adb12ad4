namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>
/// A REST error answered as <c>{"error": Code, "error_description": Description}</c> with <see cref="Status"/>
/// (bitrix24-rest.md §12.4). Thrown by method handlers; the runner turns it into the envelope.
/// </summary>
internal sealed class RestException : Exception
{
    public RestException(string code, string description, int status = 400)
        : base(description)
    {
        Code = code;
        Description = description;
        Status = status;
    }

    public RestException()
        : this("ERROR_CORE", "Error")
    {
    }

    public RestException(string message)
        : this("ERROR_CORE", message)
    {
    }

    public RestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "ERROR_CORE";
        Description = message;
        Status = 400;
    }

    public string Code { get; }

    public string Description { get; }

    public int Status { get; }

    /// <summary>400 ERROR_CORE: the generic validation error of the core (§12.4).</summary>
    public static RestException Core(string description) => new("ERROR_CORE", description);

    /// <summary>400 NOT_FOUND.</summary>
    public static RestException NotFound(string description) => new("NOT_FOUND", description);

    /// <summary>403 ACCESS_DENIED.</summary>
    public static RestException AccessDenied(string description) => new("ACCESS_DENIED", description, 403);
}
