using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>One API call as the services describe it.</summary>
/// <param name="Method">GET, POST, PATCH or DELETE.</param>
/// <param name="Path">Relative to the account: <c>api/v4/leads</c> (a query may be part of it).</param>
internal sealed record AmoRequest(Method Method, string Path)
{
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    public JToken? Body { get; init; }

    /// <summary>
    /// Safe to send again when its answer is lost: reads, PATCH and DELETE, and POSTs that only set a state (links,
    /// webhook subscriptions). A create is not (amoCRM has no idempotency keys).
    /// </summary>
    public bool Idempotent { get; init; } = Method != Method.Post;

    /// <summary>What the body carries, in words: <c>lead</c>.</summary>
    public string Noun { get; init; } = "entity";

    /// <summary>request_id → position in the caller's list.</summary>
    public IReadOnlyDictionary<string, int>? Indexes { get; init; }

    /// <summary>Position in the caller's list of the body's first entity.</summary>
    public int Offset { get; init; }

    public string Call => $"{Method.ToString().ToUpperInvariant()} /{Path.Split('?')[0]}";
}
