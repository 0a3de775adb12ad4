using Crm.Connector.AmoCrm;

namespace Crm.Connector.Storage.Tokens;

/// <summary>
/// amoCRM installations' token pairs by member id (<c>amocrm-{account id}</c>), encrypted at rest. The amoCRM client
/// names an account by its host (<see cref="AmoAccountAddress.Key"/>), which changes when the account's subdomain does;
/// the store keys pairs by the member id instead, and hands the client a view of one installation
/// (<see cref="StoreOf"/>) so the client's key never reaches the database.
/// </summary>
public interface IAmoTokenRepository
{
    /// <summary>The token store the amoCRM client of <paramref name="memberId"/> loads from and saves to.</summary>
    IAmoTokenStore StoreOf(string memberId);

    /// <summary>The pair of <paramref name="memberId"/>, or null when it has none.</summary>
    Task<AmoTokens?> GetAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="tokens"/> as the pair of <paramref name="memberId"/>, replacing what was there.</summary>
    Task SaveAsync(string memberId, AmoTokens tokens, CancellationToken cancellationToken = default);

    /// <summary>Forgets the pair (the integration was uninstalled: amoCRM revoked it anyway); false when there was none.</summary>
    Task<bool> DeleteAsync(string memberId, CancellationToken cancellationToken = default);
}
