namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A lead pipeline with its statuses (amocrm-api.md §3).</summary>
internal sealed class Pipeline
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public int Sort { get; set; }

    public bool IsMain { get; set; }

    public bool IsUnsortedOn { get; set; }

    public bool IsArchive { get; set; }

    public List<Status> Statuses { get; } = [];

    public IEnumerable<Status> Ordered => Statuses.OrderBy(s => s.Sort).ThenBy(s => s.Id);

    public Status? Status(long id) => Statuses.Find(s => s.Id == id);

    /// <summary>
    /// The first stage leads go to by default and when their status is deleted: the first normal stage by sort.
    /// UNCONFIRMED (§3 says "the pipeline's first stage"): we read it as the first stage that is neither "unsorted"
    /// nor closed, falling back to "unsorted" when the pipeline has no normal stage.
    /// </summary>
    public Status? FirstStage(long? except = null) =>
        Ordered.FirstOrDefault(s => s.Type == 0 && !s.IsClosed && s.Id != except) ?? Ordered.FirstOrDefault(s => s.Type == 1 && s.Id != except);
}
