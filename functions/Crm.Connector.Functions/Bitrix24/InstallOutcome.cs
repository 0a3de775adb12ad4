using Crm.Connector.Functions.Http;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>The answer to an installation message (an HTTP response) and what to log.</summary>
public sealed record InstallOutcome(HttpOutput Response, string Log);
