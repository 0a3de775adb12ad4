using System.Net;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>A successful answer: its status and JSON body (null for 204 No Content or an empty body).</summary>
internal sealed record AmoAnswer(HttpStatusCode Status, JObject? Body)
{
    /// <summary><c>_embedded.{key}</c> as an array (empty when absent).</summary>
    public JArray Embedded(string key) => Body?["_embedded"]?[key] as JArray ?? [];
}
