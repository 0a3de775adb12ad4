using Crm.Connector.Sandbox.AmoCrm.Http;

namespace Crm.Connector.Sandbox.AmoCrm.Routes;

/// <summary>Checks shared by routes.</summary>
internal static class Guard
{
    /// <summary>Settings (pipelines, fields, roles, webhooks, loss reasons) are changed by administrators only (§3, §4.1, §8.1).</summary>
    public static void Admin(ApiCall call)
    {
        if (!call.State.Users.TryGetValue(call.UserId, out var user) || !user.IsAdmin)
        {
            throw new ApiException(ApiProblem.Of(403, "Access denied: administrators only."));
        }
    }

    public static bool UserExists(ApiCall call, long id) => call.State.Users.ContainsKey(id);
}
