using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Transport;

namespace Crm.Connector.Bitrix24.Services;

/// <summary><c>app.info</c> and <c>scope</c>.</summary>
public sealed class AppService(Bitrix24Requestor requestor)
{
    /// <summary><c>app.info</c> (app context only): the app's state and the portal's license.</summary>
    public async Task<AppInfo> InfoAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<AppInfo>((await requestor.CallAsync("app.info", null, cancellationToken)).Result);

    /// <summary><c>scope</c>: the scopes these credentials were granted.</summary>
    public async Task<IReadOnlyList<string>> ScopeAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<List<string>>((await requestor.CallAsync("scope", null, cancellationToken)).Result);
}
