using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>
/// Refusal call-back (car dealer): a lost item must carry a refusal reason (asked for, and the item returned, when
/// empty); a call-back is planned for the next month — on <see cref="FirstHalfCallbackDay"/> when lost on days
/// 1..<see cref="FirstHalfEndsOnDay"/>, else on <see cref="SecondHalfCallbackDay"/> — with the reason in its text;
/// a call-back day that is a day off or a holiday in the portal's calendar moves to the next working day
/// (<see cref="MoveToWorkingDay"/>).
/// </summary>
public sealed record RefusalCallbackProcess : ProcessDefinition
{
    public const string Kind = "refusalCallback";

    [JsonRequired]
    public string ReasonField { get; init; } = string.Empty;

    /// <summary>The last day of the month that counts as its first half (inclusive).</summary>
    public int FirstHalfEndsOnDay { get; init; } = 15;

    public int FirstHalfCallbackDay { get; init; } = 1;

    public int SecondHalfCallbackDay { get; init; } = 15;

    /// <summary>Local time of day the call-back is due, <c>HH:mm</c> in the portal's time zone.</summary>
    public string CallbackTime { get; init; } = "10:00";

    /// <summary>
    /// A call-back day that is not a working day in the portal's calendar (a weekend, a holiday such as 1 January)
    /// moves to the next working day. On unless the template turns it off.
    /// </summary>
    public bool MoveToWorkingDay { get; init; } = true;

    [JsonRequired]
    public LocalizedText CallbackTitle { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? CallbackDescription { get; init; }

    public Recipient To { get; init; } = Recipient.Responsible;

    /// <summary>What the user is told when the reason is empty.</summary>
    public LocalizedText? AskMessage { get; init; }

    public override string KindName => Kind;
}
