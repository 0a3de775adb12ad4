using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Effects;

/// <summary>
/// The effects the worker decided, between their decision and the CRM's confirmation. A worker commits a claim's
/// decisions (<see cref="CommitAsync"/>), sends the effects, and confirms each that landed (<see cref="ConfirmAsync"/>):
/// the audit then holds it. An effect still pending after its sender died is found by <see cref="DueAsync"/>; whoever
/// works on the portal next looks for it in the CRM before sending it again.
/// </summary>
public interface IOutbox
{
    /// <summary>Commits a claim's decisions in one transaction (see <see cref="WorkCommit"/>).</summary>
    Task CommitAsync(WorkCommit commit, CancellationToken cancellationToken = default);

    /// <summary>The portal's pending effects whose retry time has come, oldest first.</summary>
    Task<IReadOnlyList<Effect>> DueAsync(string memberId, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks effects done and appends their audit entries (the effect's action and cause; <c>detail</c> merged with what
    /// the CRM answered, e.g. the id it created) in one transaction.
    /// </summary>
    Task ConfirmAsync(IReadOnlyCollection<(Effect Effect, JObject Landed)> effects, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts an attempt that did not land: pending again after <paramref name="retryAfter"/>, or failed — and audited as
    /// such — once it reached <paramref name="maxAttempts"/>.
    /// </summary>
    Task RetryAsync(IReadOnlyCollection<Effect> effects, string failure, TimeSpan retryAfter, int maxAttempts, CancellationToken cancellationToken = default);

    /// <summary>The keys among <paramref name="keys"/> recorded as an effect (any status) or in the audit.</summary>
    Task<IReadOnlySet<string>> KnownAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Portals with pending effects whose retry time has come (their drains pick them up).</summary>
    Task<IReadOnlyList<string>> PortalsWithDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the portal's pending effects without sending them (the app was uninstalled). Returns how many.</summary>
    Task<int> CloseAsync(string memberId, string reason, CancellationToken cancellationToken = default);

    Task<Effect?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Counts by status, optionally for one portal.</summary>
    Task<IReadOnlyDictionary<EffectStatus, int>> CountAsync(string? memberId = null, CancellationToken cancellationToken = default);
}
