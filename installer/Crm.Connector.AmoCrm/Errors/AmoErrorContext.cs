namespace Crm.Connector.AmoCrm.Errors;

/// <summary>What the error map needs to know about a call beyond its answer.</summary>
/// <param name="AccountKey">The account called.</param>
/// <param name="BlockedUntil">Until when an IP block found in this answer holds.</param>
/// <param name="Noun">What the request carried, in words: <c>lead</c>, <c>pipeline</c>.</param>
/// <param name="Indexes">request_id → position in the caller's list, for the entities the request carried.</param>
/// <param name="Offset">Position in the caller's list of the request's first entity (a later chunk starts further on).</param>
public sealed record AmoErrorContext(string AccountKey, DateTimeOffset BlockedUntil, string Noun = "entity", IReadOnlyDictionary<string, int>? Indexes = null, int Offset = 0);
