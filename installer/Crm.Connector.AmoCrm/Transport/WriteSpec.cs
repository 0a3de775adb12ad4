using RestSharp;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>A collection write: where it goes and how its answer reads.</summary>
/// <param name="Method">POST (create) or PATCH (update, each entity with its id).</param>
/// <param name="Path">The collection: <c>api/v4/leads</c>.</param>
/// <param name="Key">The answer's <c>_embedded</c> key: <c>leads</c>.</param>
/// <param name="Noun">One entity, in words: <c>lead</c>.</param>
internal sealed record WriteSpec(Method Method, string Path, string Key, string Noun)
{
    public WriteMatch Match { get; init; } = Method == Method.Post ? WriteMatch.RequestId : WriteMatch.Id;

    /// <summary>Entities whose custom field values are over 40 get the rest in PATCHes to <see cref="Path"/> (leads, contacts, companies).</summary>
    public bool SplitValues { get; init; }
}
