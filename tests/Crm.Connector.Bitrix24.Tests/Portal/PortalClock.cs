using Crm.Connector.Limits;
using Crm.Connector.Testing;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>
/// Moves a clock that a client and a sandbox portal share — the portal drains its bucket by it, the client paces by it —
/// and moves it only while none of the client's requests is between leave and answer. So every request reaches the
/// portal at the very moment (on that clock) the client counted it, however slowly the machine runs: what the portal
/// answers depends on the client's pacing alone, never on how busy the test host is.
/// </summary>
internal static class PortalClock
{
    /// <summary>Drives <paramref name="time"/> in steps of <paramref name="step"/> until <paramref name="work"/> ends (60 s of real time at most).</summary>
    public static async Task<T> DriveAsync<T>(FakeTimeProvider time, Bitrix24Client client, Task<T> work, TimeSpan step)
    {
        var budget = client.Options.RequestBudget as InMemoryRequestBudget
            ?? throw new ArgumentException("The client needs an in-memory request budget of its own.", nameof(client));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The work did not finish while the clock was driven.");
            }

            if (budget.InFlight(client.Credentials.PortalKey) == 0 && time.PendingTimers > 0)
            {
                time.Advance(step);
            }

            await Task.Delay(2);
        }

        return await work;
    }
}
