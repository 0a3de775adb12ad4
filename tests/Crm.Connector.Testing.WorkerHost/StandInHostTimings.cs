using System.Globalization;
using System.Text;

namespace Crm.Connector.Testing.WorkerHost;

/// <summary>
/// Cold-start milestones of one worker, each measured from the moment its process was started (null: not reached).
/// </summary>
public sealed record StandInHostTimings
{
    /// <summary>The worker connected and sent <c>StartStream</c>.</summary>
    public TimeSpan? StreamStarted { get; init; }

    /// <summary>The worker answered the init request.</summary>
    public TimeSpan? WorkerInitialized { get; init; }

    /// <summary>The worker listed its functions.</summary>
    public TimeSpan? MetadataReceived { get; init; }

    /// <summary>Every function was loaded.</summary>
    public TimeSpan? FunctionsLoaded { get; init; }

    /// <summary>The first invocation response arrived.</summary>
    public TimeSpan? FirstInvocationCompleted { get; init; }

    /// <summary>The first proxied HTTP response arrived from the worker.</summary>
    public TimeSpan? FirstHttpResponse { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, "stream started", StreamStarted);
        Append(text, "initialized", WorkerInitialized);
        Append(text, "metadata", MetadataReceived);
        Append(text, "loaded", FunctionsLoaded);
        Append(text, "first invocation", FirstInvocationCompleted);
        Append(text, "first HTTP answer", FirstHttpResponse);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, TimeSpan? value)
    {
        if (value is null)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(", ");
        }

        text.Append(CultureInfo.InvariantCulture, $"{name} {value.Value.TotalMilliseconds:0} ms");
    }
}
