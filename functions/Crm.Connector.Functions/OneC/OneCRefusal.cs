namespace Crm.Connector.Functions.OneC;

/// <summary>
/// Invoice work that cannot go on until a person acts (the 1C connection is not set up; several counterparties in 1C
/// have the payer's ИНН/КПП): told to the deal's responsible, and retried later in case it was fixed.
/// </summary>
public sealed class OneCRefusal : Exception
{
    public OneCRefusal()
    {
    }

    public OneCRefusal(string message)
        : base(message)
    {
    }

    public OneCRefusal(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
