using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>A deal pipeline (Bitrix24 "направление", amoCRM "воронка") with its ordered stages.</summary>
public sealed record Pipeline : StageFlow
{
    /// <summary>Stable template key, <c>a-z0-9-</c>; the portal id is kept in the provisioning ledger.</summary>
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    /// <summary>The main pipeline: the one every plan has (Bitrix24 pipeline 0, amoCRM <c>is_main</c>).</summary>
    public bool Main { get; init; }

    public override string FlowKey => Key;

    public override CrmEntity Entity => CrmEntity.Deal;
}
