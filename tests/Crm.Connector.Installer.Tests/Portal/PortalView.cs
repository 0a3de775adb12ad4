using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Services.Crm;

namespace Crm.Connector.Installer.Tests.Portal;

/// <summary>What a portal holds, read back through the client, for assertions.</summary>
internal static class PortalView
{
    public static async Task<IReadOnlyList<Category>> PipelinesAsync(Bitrix24Client client) =>
        await client.Crm.Categories.ListAsync(CategoryService.DealEntityTypeId);

    /// <summary>Stage names of the pipeline called <paramref name="name"/>, in the portal's order (the only one with that name).</summary>
    public static async Task<IReadOnlyList<Status>> StagesAsync(Bitrix24Client client, string name)
    {
        var pipeline = Assert.Single(await PipelinesAsync(client), p => p.Name == name);
        return [.. (await client.Crm.Statuses.ListAsync(StatusService.DealStages(pipeline.Id))).OrderBy(s => s.Sort)];
    }

    public static async Task<IReadOnlyList<Status>> LeadStatusesAsync(Bitrix24Client client) =>
        [.. (await client.Crm.Statuses.ListAsync(StatusService.LeadStatuses)).OrderBy(s => s.Sort)];
}
