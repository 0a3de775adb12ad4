using Crm.Connector.Functions.Http;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>The answer to a consent redirect, what to log, and the provisioning request to queue when it installed.</summary>
public sealed record AmoInstallOutcome(HttpOutput Response, string Log, string? Provision = null);
