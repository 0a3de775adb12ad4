namespace Crm.Connector.Functions.Pages;

/// <summary>The outcome of checking a frame POST: the session, or the status and message to show.</summary>
public sealed record FrameCheck(PageSession? Session, int Status, string? Refusal)
{
    public static FrameCheck Refused(int status, string message) => new(null, status, message);
}
