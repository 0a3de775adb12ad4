namespace Crm.Connector.AmoCrm;

/// <summary>What a client has spent so far: for summaries ("applied in 14 requests") and benchmarks.</summary>
/// <param name="Requests">HTTP requests sent (API and token endpoint).</param>
/// <param name="Throttled">429 answers seen.</param>
/// <param name="Retries">Requests sent again (after a 429, a 5xx on a read, a lost answer to an idempotent call).</param>
/// <param name="Refreshes">Token pairs this client obtained from the token endpoint.</param>
/// <param name="SplitWrites">Entities whose custom field values went in more than one request (over 40 values).</param>
public sealed record AmoClientStatistics(int Requests, int Throttled, int Retries, int Refreshes, int SplitWrites);
