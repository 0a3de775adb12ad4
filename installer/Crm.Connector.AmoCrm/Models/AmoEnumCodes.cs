namespace Crm.Connector.AmoCrm.Models;

/// <summary>The kinds of phone numbers and e-mail addresses (<c>enum_code</c> of multitext fields).</summary>
public static class AmoEnumCodes
{
    public const string Work = "WORK";
    public const string WorkDirect = "WORKDD";
    public const string Mobile = "MOB";
    public const string Fax = "FAX";
    public const string Home = "HOME";
    public const string Private = "PRIV";
    public const string Other = "OTHER";
}
