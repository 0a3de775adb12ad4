using Crm.Connector.Functions.Work;
using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Effects;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work.Effects;

/// <summary>
/// Sends recorded effects to the portal and confirms each that landed. Effects go in batch requests of up to 50
/// commands, never split across two (the portal runs one request's commands to the end, so an effect is all there or
/// not at all); the requests go out together, paced by the portal's request budget. An effect that may have been sent before — its sender died, or its answer never came — is looked for
/// first (<see cref="EffectLocator"/>) and only sent when it is not there.
/// </summary>
public sealed class EffectSender(IStore store, IOptions<WorkerOptions> options, ILogger<EffectSender> log)
{
    private const int BatchLimit = 50;

    /// <summary>
    /// Sends <paramref name="effects"/>; <paramref name="recovering"/> when they may have been sent before.
    /// <paramref name="stillHeld"/> is asked before each request: the portal's work must still be this instance's.
    /// </summary>
    public async Task SendAsync(string memberId, Bitrix24Client client, IReadOnlyList<Effect> effects, bool recovering, Func<CancellationToken, Task<bool>> stillHeld, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(stillHeld);
        if (effects.Count == 0)
        {
            return;
        }

        var found = 0;
        var toSend = effects;
        if (recovering)
        {
            (found, toSend) = await LocateAsync(memberId, client, effects, cancellationToken);
        }

        // Groups do not refer to each other: they go out together, as many at once as the portal's request budget
        // lets through (the client paces them), each confirmed as soon as its answer is in.
        var outcomes = await Task.WhenAll(Groups(toSend).Select(group => SendGroupAsync(memberId, client, group, recovering, stillHeld, cancellationToken)));
        var confirmed = found + outcomes.Sum(o => o.Confirmed);
        var retry = outcomes.Sum(o => o.Retry);
        if (outcomes.FirstOrDefault(o => o.Error is not null).Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        WorkLog.EffectsSent(log, memberId, confirmed, found, retry);
    }

    /// <summary>Sends one batch request's worth of effects and records what became of each.</summary>
    private async Task<(int Confirmed, int Retry, Exception? Error)> SendGroupAsync(string memberId, Bitrix24Client client, List<Effect> group, bool recovering, Func<CancellationToken, Task<bool>> stillHeld, CancellationToken cancellationToken)
    {
        if (!await stillHeld(cancellationToken))
        {
            return (0, 0, new LeaseLostException($"Portal {memberId}: another instance took its work over; the effects not sent yet stay recorded for it."));
        }

        var (commands, owners) = Renamed(group);
        BatchResult result;
        try
        {
            result = await client.BatchAsync(commands, cancellationToken: cancellationToken);
        }
        catch (Bitrix24Exception e)
        {
            // The request may or may not have reached the portal: the effects stay recorded, to be looked for first.
            WorkLog.EffectsUnconfirmed(log, memberId, group.Count, $"{e.Method}: {e.Code}");
            await store.Outbox.RetryAsync(group, $"{e.Method}: {e.Code} {e.Message}", options.Value.RetryAfter, options.Value.MaxAttempts, CancellationToken.None);
            return (0, group.Count, e);
        }

        var landed = new List<(Effect, JObject)>();
        var failed = new List<(Effect Effect, string Failure)>();
        foreach (var effect in group)
        {
            var results = result.Commands.Where(c => owners[c.Key] == effect.Key).ToList();
            var failure = results.FirstOrDefault(c => !c.Succeeded && !(recovering && AnsweredBefore(c)));
            if (failure is null)
            {
                landed.Add((effect, Landed(results)));
            }
            else
            {
                failed.Add((effect, $"{failure.Method}: {failure.ErrorCode} {failure.ErrorDescription}".TrimEnd()));
            }
        }

        await store.Outbox.ConfirmAsync(landed, CancellationToken.None);
        foreach (var same in failed.GroupBy(f => f.Failure))
        {
            await store.Outbox.RetryAsync([.. same.Select(f => f.Effect)], same.Key, options.Value.RetryAfter, options.Value.MaxAttempts, CancellationToken.None);
        }

        return (landed.Count, failed.Count, null);
    }

    /// <summary>Finds the effects that landed before; confirms them and returns the others.</summary>
    private async Task<(int Found, IReadOnlyList<Effect> NotFound)> LocateAsync(string memberId, Bitrix24Client client, IReadOnlyList<Effect> effects, CancellationToken cancellationToken)
    {
        var lookups = effects.Select((e, i) => (Effect: e, Lookup: EffectLocator.Lookup(e, "find" + i.ToString(CultureInfo.InvariantCulture)))).ToList();
        var commands = lookups.Where(l => l.Lookup is not null).Select(l => l.Lookup!).ToList();
        if (commands.Count == 0)
        {
            return (0, effects);
        }

        var result = await client.BatchAsync(commands, cancellationToken: cancellationToken);
        var credited = await CreditedAsync(memberId, lookups.Where(l => l.Lookup is not null).Select(l => l.Effect), cancellationToken);
        var found = new List<(Effect, JObject)>();
        var notFound = new List<Effect>();
        var unknown = new List<Effect>();
        foreach (var (effect, lookup) in lookups)
        {
            if (lookup is null)
            {
                notFound.Add(effect);
            }
            else if (!result[lookup.Key].Succeeded)
            {
                unknown.Add(effect);
            }
            else if (EffectLocator.Found(effect, result[lookup.Key], credited) is { } id)
            {
                found.Add((effect, new JObject { ["created"] = new JArray(id), ["found"] = true }));
            }
            else
            {
                notFound.Add(effect);
            }
        }

        await store.Outbox.ConfirmAsync(found, CancellationToken.None);
        if (unknown.Count > 0)
        {
            // Cannot tell whether they landed: not sent blindly; looked for again later.
            await store.Outbox.RetryAsync(unknown, "could not look for the effect in the portal", options.Value.RetryAfter, options.Value.MaxAttempts, CancellationToken.None);
        }

        return (found.Count, notFound);
    }

    /// <summary>Ids of objects the audit gives to effects on the items concerned (they cannot be the lost effect's).</summary>
    private async Task<IReadOnlySet<string>> CreditedAsync(string memberId, IEnumerable<Effect> effects, CancellationToken cancellationToken)
    {
        var credited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entity, itemId) in effects.Where(e => e.Entity is not null && e.ItemId is not null).Select(e => (e.Entity!, e.ItemId!.Value)).Distinct())
        {
            foreach (var entry in await store.Audit.ListAsync(memberId, entity, itemId, 1000, cancellationToken))
            {
                credited.UnionWith((entry.Detail["created"] as JArray)?.Select(t => Convert.ToString(t, CultureInfo.InvariantCulture)!) ?? []);
            }
        }

        return credited;
    }

    /// <summary>Effects in batch requests of at most 50 commands each, none split (one larger than that goes alone).</summary>
    private static IEnumerable<List<Effect>> Groups(IReadOnlyList<Effect> effects)
    {
        var group = new List<Effect>();
        var size = 0;
        foreach (var effect in effects)
        {
            var count = effect.Commands.Count;
            if (group.Count > 0 && size + count > BatchLimit)
            {
                yield return group;
                group = [];
                size = 0;
            }

            group.Add(effect);
            size += count;
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>
    /// The group's commands under keys unique in the request (<c>e{n}_{key}</c>; references to <c>$result[key]</c>
    /// inside an effect renamed with them), and which effect each key belongs to.
    /// </summary>
    private static (List<BatchCommand> Commands, Dictionary<string, string> Owners) Renamed(List<Effect> group)
    {
        var commands = new List<BatchCommand>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = 0; n < group.Count; n++)
        {
            var prefix = "e" + n.ToString(CultureInfo.InvariantCulture) + "_";
            var own = Bitrix24Effects.Commands(group[n]);
            foreach (var command in own)
            {
                var text = command.Parameters?.ToString(Newtonsoft.Json.Formatting.None);
                foreach (var other in own)
                {
                    text = text?.Replace($"$result[{other.Key}]", $"$result[{prefix}{other.Key}]", StringComparison.Ordinal);
                }

                commands.Add(new BatchCommand(prefix + command.Key, command.Method, text is null ? null : JObject.Parse(text)));
                owners[prefix + command.Key] = group[n].Key;
            }
        }

        return (commands, owners);
    }

    /// <summary>A robot answer refused because its token was used: an earlier send of this same effect landed.</summary>
    private static bool AnsweredBefore(BatchCommandResult result) =>
        result.Method == "bizproc.event.send" && result.ErrorCode == Bitrix24ErrorCodes.AccessDenied;

    /// <summary>What the portal answered that the audit keeps: the ids of the objects created.</summary>
    private static JObject Landed(IEnumerable<BatchCommandResult> results)
    {
        var created = new JArray();
        foreach (var result in results.Where(r => r.Succeeded && !Bitrix24Effects.IsRepeatable(r.Method)))
        {
            if (Bitrix24Effects.CreatedId(result.Result) is { } id)
            {
                created.Add(id);
            }
        }

        return created.Count == 0 ? [] : new JObject { ["created"] = created };
    }
}
