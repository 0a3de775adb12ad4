using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services;

/// <summary><c>user.get</c> and <c>department.get</c>: who people are and whom they report to.</summary>
public sealed class UserService(ListReader lists)
{
    /// <summary><c>user.get</c> with an optional filter (e.g. <c>{"ID": 5}</c>, <c>{"ACTIVE": true}</c>).</summary>
    public async Task<IReadOnlyList<User>> GetAsync(JObject? filter = null, CancellationToken cancellationToken = default)
    {
        var all = new List<User>();
        await foreach (var row in lists.PagesAsync("user.get", filter is null ? null : new JObject { ["filter"] = filter }, ListShape.Legacy, cancellationToken))
        {
            all.Add(Bitrix24Json.To<User>(row));
        }

        return all;
    }

    /// <summary><c>department.get</c> with an optional filter (e.g. <c>{"ID": 2}</c>).</summary>
    public async Task<IReadOnlyList<Department>> DepartmentsAsync(JObject? filter = null, CancellationToken cancellationToken = default)
    {
        var all = new List<Department>();
        await foreach (var row in lists.PagesAsync("department.get", filter, ListShape.Legacy, cancellationToken))
        {
            all.Add(Bitrix24Json.To<Department>(row));
        }

        return all;
    }
}
