using Crm.Connector.Bitrix24.Auth;

namespace Crm.Connector.Storage.Installations;

/// <summary>Installations by member_id.</summary>
public interface IInstallationRepository
{
    Task<Installation?> GetAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or replaces the installation and, when given, its tokens — in one transaction, so an installation never
    /// exists without the tokens it arrived with.
    /// </summary>
    Task SaveAsync(Installation installation, OAuthTokens? tokens = null, CancellationToken cancellationToken = default);

    /// <summary>Every installation with <see cref="InstallationStatus.Active"/>, by member_id.</summary>
    Task<IReadOnlyList<Installation>> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>The member_id of every installation with <see cref="InstallationStatus.Active"/>, ordered (a fan-out needs no more).</summary>
    Task<IReadOnlyList<string>> ListActiveMemberIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks it removed (ONAPPUNINSTALL); false when there is no such installation.</summary>
    Task<bool> MarkRemovedAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the installation and everything kept for it — tokens, ledgers, snapshots, inbox, jobs, audit
    /// (ONAPPUNINSTALL with CLEAN=1). Returns the number of rows removed.
    /// </summary>
    Task<int> DeleteAllDataAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Records how far the missed-events sweep got.</summary>
    Task SetSweptUntilAsync(string memberId, DateTimeOffset until, CancellationToken cancellationToken = default);
}
