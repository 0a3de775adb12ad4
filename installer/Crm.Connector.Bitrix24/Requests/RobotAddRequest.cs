using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Fields of <c>bizproc.robot.add</c> (bitrix24-rest.md §5.1); also the <c>FIELDS</c> of <c>bizproc.robot.update</c>.</summary>
public sealed record RobotAddRequest
{
    /// <summary>Unique within the app: <c>a-z A-Z 0-9 . - _</c>.</summary>
    [JsonProperty("CODE")]
    public required string Code { get; init; }

    /// <summary>Where the portal calls the robot (on the app's own domain).</summary>
    [JsonProperty("HANDLER")]
    public required string Handler { get; init; }

    /// <summary>String or language map.</summary>
    [JsonProperty("NAME")]
    public required JToken Name { get; init; }

    [JsonProperty("DESCRIPTION")]
    public JToken? Description { get; init; }

    /// <summary>Whose token the robot call carries (an admin's, so it always works).</summary>
    [JsonProperty("AUTH_USER_ID")]
    public int? AuthUserId { get; init; }

    /// <summary>Wait for the app's answer (<c>bizproc.event.send</c>); unset waits, only <c>N</c> does not.</summary>
    [JsonProperty("USE_SUBSCRIPTION")]
    public bool? UseSubscription { get; init; }

    [JsonProperty("PROPERTIES")]
    public JObject? Properties { get; init; }

    [JsonProperty("RETURN_PROPERTIES")]
    public JObject? ReturnProperties { get; init; }

    /// <summary><c>["crm","CCrmDocumentDeal","DEAL"]</c> and the like.</summary>
    [JsonProperty("DOCUMENT_TYPE")]
    public IReadOnlyList<string>? DocumentType { get; init; }

    [JsonProperty("FILTER")]
    public JObject? Filter { get; init; }
}
