using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services;

/// <summary><c>im.notify.*</c> (scope <c>im</c>): notifications to users (bitrix24-rest.md §9).</summary>
public sealed class NotifyService(Bitrix24Requestor requestor)
{
    /// <summary><c>im.notify.system.add</c>: from the app. A repeated <paramref name="tag"/> replaces the earlier notification.</summary>
    public Task<int> SystemAddAsync(int userId, string message, string? tag = null, CancellationToken cancellationToken = default) =>
        AddAsync("im.notify.system.add", userId, message, tag, cancellationToken);

    /// <summary><c>im.notify.personal.add</c>: from the calling user.</summary>
    public Task<int> PersonalAddAsync(int userId, string message, string? tag = null, CancellationToken cancellationToken = default) =>
        AddAsync("im.notify.personal.add", userId, message, tag, cancellationToken);

    private async Task<int> AddAsync(string method, int userId, string message, string? tag, CancellationToken cancellationToken)
    {
        var parameters = new JObject { ["USER_ID"] = userId, ["MESSAGE"] = message };
        if (tag is not null)
        {
            parameters["TAG"] = tag;
        }

        return (await requestor.CallAsync(method, parameters, cancellationToken)).Result.Value<int>();
    }
}
