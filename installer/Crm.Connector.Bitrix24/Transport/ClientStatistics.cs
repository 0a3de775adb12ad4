namespace Crm.Connector.Bitrix24.Transport;

/// <summary>What a client has spent so far: for summaries ("applied in 4 requests") and benchmarks.</summary>
public sealed record ClientStatistics(int Requests, int Retries, int Refreshes, int Redirects, int QueryLimitAnswers);
