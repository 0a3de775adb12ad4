namespace Crm.Connector.Limits;

/// <summary>The budget of one process: a <see cref="RequestPacer"/> over an <see cref="InMemoryRequestBucket"/>.</summary>
public sealed class InMemoryRequestBudget(TimeProvider time) : IRequestBudget
{
    private readonly RequestPacer _pacer = new(new InMemoryRequestBucket(time), time);

    /// <summary>The budget every client in this process shares unless given another.</summary>
    public static InMemoryRequestBudget Shared { get; } = new(TimeProvider.System);

    public ValueTask<RequestPermit> AcquireAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default) =>
        _pacer.AcquireAsync(portalKey, limit, cancellationToken);

    /// <inheritdoc cref="RequestPacer.InFlight"/>
    public int InFlight(string portalKey) => _pacer.InFlight(portalKey);
}
