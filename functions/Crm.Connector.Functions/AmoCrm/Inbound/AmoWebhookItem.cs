namespace Crm.Connector.Functions.AmoCrm.Inbound;

/// <summary>
/// One change in an account webhook (amocrm-api.md §8.2), as the worker will read it from the inbox.
/// </summary>
/// <param name="Group">The form's group, e.g. <c>leads[status]</c> or <c>unsorted[delete]</c>.</param>
/// <param name="Entity"><c>deal</c> (amoCRM leads are the template's deals), <c>contact</c> or <c>company</c>.</param>
/// <param name="Change"><c>add</c>, <c>update</c>, <c>status</c>, <c>delete</c>, <c>restore</c>, <c>responsible</c> or <c>note</c>.</param>
/// <param name="ItemId">The entity's id.</param>
/// <param name="StatusId"><c>status_id</c> when present.</param>
/// <param name="PipelineId"><c>pipeline_id</c> when present.</param>
/// <param name="Version"><c>updated_at</c>, else <c>last_modified</c>, else <c>0</c>.</param>
/// <param name="Digest">A short digest of every field of the item: an identical redelivery has the same one.</param>
public sealed record AmoWebhookItem(string Group, string Entity, string Change, long ItemId, long? StatusId, long? PipelineId, string Version, string Digest);
