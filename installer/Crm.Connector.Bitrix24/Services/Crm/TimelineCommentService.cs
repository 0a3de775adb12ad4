using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary><c>crm.timeline.comment.*</c>: comments in an item's timeline.</summary>
public sealed class TimelineCommentService(Bitrix24Requestor requestor)
{
    /// <summary><c>crm.timeline.comment.add</c> (the key must be lower-case <c>fields</c>); returns the comment's id.</summary>
    public async Task<int> AddAsync(TimelineCommentAddRequest request, CancellationToken cancellationToken = default) =>
        (await requestor.CallAsync("crm.timeline.comment.add", new JObject { ["fields"] = Bitrix24Json.From(request) }, cancellationToken)).Result.Value<int>();
}
