using Crm.Connector.Sandbox.AmoCrm.Core;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>HAL links on the account host.</summary>
internal static class Hal
{
    public static string Href(Account account, string pathAndQuery) => account.BaseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery;

    public static JObject Self(Account account, string pathAndQuery) => new() { ["self"] = new JObject { ["href"] = Href(account, pathAndQuery) } };
}
