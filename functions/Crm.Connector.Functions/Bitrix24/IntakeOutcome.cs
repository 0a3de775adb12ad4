using Crm.Connector.Functions.Http;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>The answer to a webhook call and the work message to queue, if it was accepted.</summary>
public sealed record IntakeOutcome(HttpOutput Response, string? Message)
{
    /// <summary>The one answer to every call that cannot be verified — unknown portal or wrong token alike, so the answer never tells which.</summary>
    public static IntakeOutcome NotAccepted { get; } = new(HttpOutput.Error(401, "NOT_ACCEPTED", "The request could not be verified."), null);

    public static IntakeOutcome BadRequest(string error) => new(HttpOutput.Error(400, "BAD_REQUEST", error), null);
}
