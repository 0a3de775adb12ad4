namespace Crm.Connector.Functions.Work;

/// <summary>Kinds of inbox item the pipeline tells apart (besides the CRMs' own calls into the app).</summary>
public static class InboxKinds
{
    /// <summary>
    /// What a system outside the CRM says about an item, for one of the template's processes: payload
    /// <c>{"process": key, "facts": {name: value}}</c>. The item is read, and the process decides from the facts (1C's
    /// invoice number and payments → the deal's fields and stage).
    /// </summary>
    public const string Fact = "fact";
}
