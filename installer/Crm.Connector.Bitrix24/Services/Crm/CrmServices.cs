using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Bitrix24.Transport;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary>The <c>crm.*</c> methods, grouped as the REST API groups them.</summary>
public sealed class CrmServices(Bitrix24Requestor requestor, ListReader lists)
{
    public CategoryService Categories { get; } = new(requestor);

    public StatusService Statuses { get; } = new(requestor, lists);

    public EntityService Leads { get; } = new(requestor, lists, "lead");

    public EntityService Deals { get; } = new(requestor, lists, "deal");

    public EntityService Contacts { get; } = new(requestor, lists, "contact");

    public EntityService Companies { get; } = new(requestor, lists, "company");

    public ItemService Items { get; } = new(requestor, lists);

    public ActivityTodoService Todos { get; } = new(requestor);

    public TimelineCommentService TimelineComments { get; } = new(requestor);
}
