namespace Crm.Connector.Functions.OneC;

/// <summary>How the app syncs with 1C (section <c>OneC</c>): how often receipts are polled, how far back, how failures are retried.</summary>
public sealed class OneCOptions
{
    public const string Section = "OneC";

    /// <summary>How often each installation's receipts are read.</summary>
    public TimeSpan PollEvery { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far back a poll reads receipts by their document date: an accountant enters a payment today dated last week,
    /// so the window slides rather than starting where the last poll stopped (1C has no "changed since").
    /// </summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(45);

    /// <summary>How far back the wider sweep reads, for a receipt entered with an old date or changed long after.</summary>
    public TimeSpan SweepWindow { get; init; } = TimeSpan.FromDays(400);

    /// <summary>How often the wider sweep runs instead of a poll.</summary>
    public TimeSpan SweepEvery { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The first retry of invoice work 1C failed (down, refusing); doubled on each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Tries before invoice work is given up as failed (at <see cref="MaxRetryDelay"/>, about four days).</summary>
    public int MaxAttempts { get; init; } = 200;
}
