namespace Crm.Connector.AmoCrm;

/// <summary>
/// Where installations' token pairs live (one process: <see cref="InMemoryAmoTokenStore"/>; every instance of the app:
/// the database). The client refreshes single-flight per account in its process, saves the new pair here before using
/// it, and — when the token endpoint refuses a refresh token — reloads from here in case another worker stored a newer
/// pair meanwhile.
/// </summary>
public interface IAmoTokenStore
{
    /// <summary>The pair of <paramref name="accountKey"/>, or null when the account has none.</summary>
    Task<AmoTokens?> LoadAsync(string accountKey, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="tokens"/> under its <see cref="AmoTokens.AccountKey"/>, replacing what was there.</summary>
    Task SaveAsync(AmoTokens tokens, CancellationToken cancellationToken = default);
}
