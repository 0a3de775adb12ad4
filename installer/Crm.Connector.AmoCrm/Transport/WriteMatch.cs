namespace Crm.Connector.AmoCrm.Transport;

/// <summary>How a write's answer is matched to what was sent.</summary>
internal enum WriteMatch
{
    /// <summary>By the <c>request_id</c> each entity carries (creates).</summary>
    RequestId,

    /// <summary>By <c>id</c> (updates of existing entities).</summary>
    Id,
}
