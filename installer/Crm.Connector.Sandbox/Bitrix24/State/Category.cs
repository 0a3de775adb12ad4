namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A deal pipeline (bitrix24-rest.md §6.1). Id 0 is the default one.</summary>
internal sealed record Category(int Id, string Name, int Sort, bool IsDefault)
{
    /// <summary>The <c>crm.status</c> directory of its stages: <c>DEAL_STAGE</c> or <c>DEAL_STAGE_{id}</c> (§6.2).</summary>
    public string StageEntityId => Id == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{Id}";

    /// <summary>The STATUS_ID prefix of its stages: none for the default pipeline, <c>C{id}:</c> otherwise.</summary>
    public string StagePrefix => Id == 0 ? "" : $"C{Id}:";
}
