namespace Crm.Connector.Import;

/// <summary>Names of the built-in fields in <see cref="ImportExisting.Filled"/> (template fields go by their code).</summary>
public static class ImportFieldNames
{
    public const string LastName = "@lastName";
    public const string FirstName = "@firstName";
    public const string MiddleName = "@middleName";
    public const string Email = "@email";
    public const string Channel = "@channel";

    /// <summary>The import marker (Bitrix24 ORIGINATOR_ID/ORIGIN_ID).</summary>
    public const string Origin = "@origin";
}
