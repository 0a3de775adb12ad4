namespace Crm.Connector.Functions.Pages;

/// <summary>
/// Who is looking at a page: the portal user the portal's frame POST proved (its access token answered <c>profile</c> on
/// the installation's own portal), for how long, and where the portal opened the app (placement and its options).
/// </summary>
public sealed record PageSession(string MemberId, long UserId, string UserName, bool Admin, string Placement, string PlacementOptions, DateTimeOffset ExpiresAt);
