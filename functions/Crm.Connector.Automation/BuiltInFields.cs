namespace Crm.Connector.Automation;

/// <summary>Names of the built-in fields in <see cref="ItemState.Fields"/> (the template's built-in field names).</summary>
public static class BuiltInFields
{
    public const string Stage = "stage";

    public const string Pipeline = "pipeline";

    public const string Title = "title";

    public const string Amount = "amount";

    public const string Responsible = "responsible";
}
