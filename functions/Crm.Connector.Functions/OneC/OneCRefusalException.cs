namespace Crm.Connector.Functions.OneC;

/// <summary>
/// Invoice work that cannot go on until a person acts (the 1C connection is not set up; several counterparties in 1C
/// have the payer's ИНН/КПП): told to the deal's responsible, and retried later in case it was fixed.
/// </summary>
public sealed class OneCRefusalException : Exception
{
    public OneCRefusalException()
    {
    }

    public OneCRefusalException(string message)
        : base(message)
    {
    }

    public OneCRefusalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
