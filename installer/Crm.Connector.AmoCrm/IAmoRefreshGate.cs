namespace Crm.Connector.AmoCrm;

/// <summary>
/// Optional for an <see cref="IAmoTokenStore"/> shared by several processes: one refresh of an account at a time across
/// all of them. amoCRM's refresh token is spent once its successor is used, so two processes refreshing with the same
/// token leave one of them with a dead pair; under the gate the second finds the first one's pair in the store and uses
/// it. Without it the client still refreshes once per account within its own process.
/// </summary>
public interface IAmoRefreshGate
{
    /// <summary>Waits until this caller alone may refresh <paramref name="accountKey"/>; disposing the result lets the next one in.</summary>
    Task<IAsyncDisposable> EnterAsync(string accountKey, CancellationToken cancellationToken);
}
