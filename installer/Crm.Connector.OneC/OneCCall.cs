namespace Crm.Connector.OneC;

/// <summary>One call to 1C as the error map needs it: what it does (for messages), to which set, and its kind.</summary>
/// <param name="Verb">What it does, as it reads in a message: "reading", "creating in", "changing in", "posting in".</param>
/// <param name="EntitySet">The entity set (the service document for the list of sets).</param>
/// <param name="Write">True for POST/PATCH/Post: never sent twice, a lost answer is an unknown outcome.</param>
/// <param name="OneEntity">True when the URL names one object by key (404 = that object is missing).</param>
internal sealed record OneCCall(string Verb, string EntitySet, bool Write, bool OneEntity)
{
    public static OneCCall ReadSet(string entitySet) => new("reading", entitySet, Write: false, OneEntity: false);

    public static OneCCall ReadEntity(string entitySet) => new("reading", entitySet, Write: false, OneEntity: true);

    public static OneCCall Create(string entitySet) => new("creating in", entitySet, Write: true, OneEntity: false);

    public static OneCCall Update(string entitySet) => new("changing in", entitySet, Write: true, OneEntity: true);

    public static OneCCall Post(string entitySet) => new("posting in", entitySet, Write: true, OneEntity: true);

    public static OneCCall ServiceDocument() => new("reading", "the list of published objects", Write: false, OneEntity: false);
}
