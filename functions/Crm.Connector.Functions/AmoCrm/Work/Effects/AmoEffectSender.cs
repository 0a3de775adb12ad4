using System.Globalization;
using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Effects;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work.Effects;

/// <summary>
/// Sends recorded effects to an amoCRM account and confirms each that landed — cheaply: amoCRM has no batch of mixed
/// calls, but every collection takes arrays of up to 50 entities (amocrm-api.md §6.1), so the commands of all effects
/// go in rounds. A round takes every command whose <c>$result</c> references are known, groups them by method and path
/// and sends each group in requests of 50 (120 tasks are 3 requests), each entity with a <c>request_id</c> made of its
/// effect and command. A copy's lead goes in one round, its notes (which name the new id) in the next. Two PATCHes of
/// the same entity never share a round: the later one waits for the next, so neither is lost and the later decision
/// wins. An effect is confirmed when all its commands landed; a validation error (nothing of that request was written,
/// §9) refuses the effects it names, and the rest of the request is sent again without them. Writes are never blindly
/// re-sent: effects that may have landed before are looked for first (<see cref="AmoEffectLocator"/>); those found are
/// confirmed, the partly found send only the rest.
/// </summary>
public sealed class AmoEffectSender(IStore store, IOptions<WorkerOptions> options, ILogger<AmoEffectSender> log)
{
    private const int ChunkSize = 50;

    /// <summary>
    /// Sends <paramref name="effects"/>; <paramref name="recovering"/> when they may have been sent before.
    /// <paramref name="stillHeld"/> is asked before each request: the account's work must still be this instance's.
    /// </summary>
    /// <exception cref="LeaseLostException">Another instance took the account's work over; what is not confirmed stays recorded for it.</exception>
    /// <exception cref="AmoCrmException">A request failed; its effects were counted for a retry, the others sent or left pending.</exception>
    public async Task SendAsync(string memberId, AmoCrmClient client, IReadOnlyList<Effect> effects, bool recovering, Func<CancellationToken, Task<bool>> stillHeld, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(stillHeld);
        if (effects.Count == 0)
        {
            return;
        }

        var run = new Run(memberId, [.. effects.Select(e => new Sending(e, AmoEffects.Commands(e)))]);
        if (recovering)
        {
            await LocateAsync(run, client, cancellationToken);
        }

        await RefuseUnsupportedAsync(run);
        await ConfirmAsync(run);
        var stopped = false;
        while (!stopped && Round(run) is { Count: > 0 } round)
        {
            foreach (var group in round.GroupBy(c => (Method: c.Command.Method.ToUpperInvariant(), c.Command.Path)))
            {
                foreach (var chunk in group.Chunk(ChunkSize))
                {
                    // An effect whose other command failed earlier in this round sends nothing more.
                    var open = chunk.Where(c => c.Sending.Open).ToList();
                    if (stopped || open.Count == 0)
                    {
                        continue;
                    }

                    if (!await stillHeld(cancellationToken))
                    {
                        await ConfirmAsync(run);
                        throw new LeaseLostException($"Account {memberId}: another instance took its work over; the effects not confirmed stay recorded for it.");
                    }

                    await SendChunkAsync(run, client, group.Key.Method, group.Key.Path, open, cancellationToken);
                    stopped = run.Errors.Any(Stops);
                }
            }

            await ConfirmAsync(run);
        }

        if (!stopped)
        {
            // Still open with nothing to send: a command refers to a result no command of the effect makes.
            foreach (var sending in run.Effects.Where(s => s.Open).ToList())
            {
                await RefuseAsync(run, sending, "-", "a command refers to a $result no command of the effect creates");
            }
        }

        AmoWorkLog.EffectsSent(log, memberId, run.Confirmed, run.Found, run.Requests, run.Retried, run.Refused);
        if ((run.Errors.FirstOrDefault(Stops) ?? run.Errors.FirstOrDefault()) is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Errors that concern the whole account (blocked, unpaid, token gone): nothing more is sent now.</summary>
    private static bool Stops(Exception error) =>
        error is AmoCrmAccountBlockedException or AmoCrmPaymentRequiredException or AmoCrmReinstallRequiredException or AmoCrmAuthenticationException or AmoCrmRateLimitedException;

    /// <summary>The commands that can go now: references resolved, at most one PATCH of each entity.</summary>
    private static List<Ready> Round(Run run)
    {
        var ready = new List<Ready>();
        var patched = new HashSet<(string, long)>();
        foreach (var sending in run.Effects.Where(s => s.Open))
        {
            foreach (var command in sending.Commands.Where(c => !sending.Results.ContainsKey(c.Key) && !sending.Patched.Contains(c.Key)))
            {
                if (!AmoEffects.References(command.Body).All(sending.Results.ContainsKey))
                {
                    continue;
                }

                var body = AmoEffects.Resolve(command.Body, sending.Results);
                if (AmoEffects.IsRepeatable(command.Method) && body.Value<long?>("id") is { } id && !patched.Add((AmoEffectLocator.Collection(command.Path), id)))
                {
                    continue;
                }

                if (!AmoEffects.IsRepeatable(command.Method))
                {
                    body["request_id"] = AmoEffects.RequestId(sending.Effect.Key, command.Key);
                }

                ready.Add(new Ready(sending, command, body));
            }
        }

        return ready;
    }

    /// <summary>One request of up to 50 entities; a validation error takes out the effects it names and the rest goes again.</summary>
    private async Task SendChunkAsync(Run run, AmoCrmClient client, string method, string path, List<Ready> chunk, CancellationToken cancellationToken)
    {
        var call = $"{method} {path}";
        while (chunk.Count > 0)
        {
            try
            {
                run.Requests++;
                var ids = await AmoWriteCalls.SendAsync(client, method, path, [.. chunk.Select(c => c.Body)], cancellationToken);
                for (var i = 0; i < chunk.Count; i++)
                {
                    chunk[i].Sending.Landed(chunk[i].Command, ids[i]);
                }

                return;
            }
            catch (AmoCrmValidationException e)
            {
                var named = Named(e, chunk);
                if (named.Count == 0)
                {
                    // amoCRM refused the request without saying which entity: each goes on its own next time.
                    await RetryAsync(run, call, chunk, e);
                    return;
                }

                foreach (var group in named.GroupBy(n => n.Sending))
                {
                    var failure = $"{call}: " + string.Join("; ", group.Select(n => $"{n.Error.Path} {n.Error.Code} — {n.Error.Detail}"));
                    await RefuseAsync(run, group.Key, call, failure);
                }

                chunk = [.. chunk.Where(c => c.Sending.Open)];
            }
            catch (AmoCrmException e)
            {
                // A lost answer (AmoCrmUncertainWriteException), a 5xx, a 429 the client could not wait out: the entities
                // may or may not be there, so their effects are looked for before anything is sent again.
                await RetryAsync(run, call, chunk, e);
                return;
            }
        }
    }

    /// <summary>The entities a validation error names, by their position in the request or their request_id.</summary>
    private static List<(Sending Sending, AmoValidationError Error)> Named(AmoCrmValidationException e, List<Ready> chunk)
    {
        var named = new List<(Sending, AmoValidationError)>();
        foreach (var error in e.Errors)
        {
            var index = error.Index is { } i && i >= 0 && i < chunk.Count ? i
                : chunk.FindIndex(c => c.Body.Value<string>("request_id") is { } id && id == error.RequestId);
            if (index >= 0)
            {
                named.Add((chunk[index].Sending, error));
            }
        }

        return named;
    }

    private async Task RetryAsync(Run run, string call, List<Ready> chunk, AmoCrmException error)
    {
        var effects = chunk.Select(c => c.Sending).Distinct().ToList();
        foreach (var sending in effects)
        {
            sending.Open = false;
        }

        run.Retried += effects.Count;
        AmoWorkLog.EffectsUnconfirmed(log, run.MemberId, call, effects.Count, $"{error.Title}".Trim());
        await store.Outbox.RetryAsync([.. effects.Select(s => s.Effect)], $"{call}: {error.Message}", options.Value.RetryAfter, options.Value.MaxAttempts, CancellationToken.None);
        run.Errors.Add(error);
    }

    /// <summary>
    /// amoCRM refused the effect's entity: the same body would be refused again, so the effect fails now (one attempt)
    /// and is audited as failed. Commands of it that landed before stay (the audit's error says what was refused).
    /// </summary>
    private async Task RefuseAsync(Run run, Sending sending, string call, string failure)
    {
        sending.Open = false;
        run.Refused++;
        AmoWorkLog.EffectRefused(log, run.MemberId, call, sending.Effect.Key, failure);
        await store.Outbox.RetryAsync([sending.Effect], failure, options.Value.RetryAfter, maxAttempts: 1, CancellationToken.None);
    }

    /// <summary>Effects with a command the sender cannot make (a path it does not know) fail at once.</summary>
    private async Task RefuseUnsupportedAsync(Run run)
    {
        foreach (var sending in run.Effects.Where(s => s.Open))
        {
            if (sending.Commands.FirstOrDefault(c => !AmoWriteCalls.Supports(c.Method, c.Path)) is { } command)
            {
                await RefuseAsync(run, sending, $"{command.Method} {command.Path}", $"{command.Method} {command.Path} is not a write the amoCRM sender makes.");
            }
        }
    }

    /// <summary>Finds what landed before; the found commands count as sent.</summary>
    private async Task LocateAsync(Run run, AmoCrmClient client, CancellationToken cancellationToken)
    {
        var credited = await CreditedAsync(run.MemberId, run.Effects.Select(s => s.Effect), cancellationToken);
        var found = await AmoEffectLocator.LocateAsync(client, [.. run.Effects.Select(s => s.Effect)], credited, cancellationToken);
        foreach (var sending in run.Effects)
        {
            foreach (var (key, id) in found[sending.Effect.Key])
            {
                sending.Landed(sending.Commands.First(c => c.Key == key), id, located: true);
            }
        }
    }

    /// <summary>Objects (<c>collection/id</c>) the audit gives to effects on the items concerned: they cannot be a lost effect's.</summary>
    private async Task<IReadOnlySet<string>> CreditedAsync(string memberId, IEnumerable<Effect> effects, CancellationToken cancellationToken)
    {
        var credited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entity, itemId) in effects.Where(e => e.Entity is not null && e.ItemId is not null).Select(e => (e.Entity!, e.ItemId!.Value)).Distinct())
        {
            foreach (var entry in await store.Audit.ListAsync(memberId, entity, itemId, 1000, cancellationToken))
            {
                credited.UnionWith((entry.Detail["amoCreated"] as JArray)?.Select(t => Convert.ToString(t, CultureInfo.InvariantCulture)!) ?? []);
            }
        }

        return credited;
    }

    /// <summary>Confirms the effects all of whose commands landed (each once).</summary>
    private async Task ConfirmAsync(Run run)
    {
        var complete = run.Effects.Where(s => s.Open && s.Results.Count + s.Patched.Count == s.Commands.Count).ToList();
        if (complete.Count == 0)
        {
            return;
        }

        await store.Outbox.ConfirmAsync([.. complete.Select(s => (s.Effect, s.Landed()))], CancellationToken.None);
        foreach (var sending in complete)
        {
            sending.Open = false;
            run.Confirmed++;
            run.Found += sending.AllLocated ? 1 : 0;
        }
    }

    /// <summary>What one send does, and its tallies.</summary>
    private sealed class Run(string memberId, List<Sending> effects)
    {
        public string MemberId { get; } = memberId;

        public List<Sending> Effects { get; } = effects;

        public List<Exception> Errors { get; } = [];

        public int Requests { get; set; }

        public int Confirmed { get; set; }

        public int Found { get; set; }

        public int Retried { get; set; }

        public int Refused { get; set; }
    }

    /// <summary>One effect on its way: what its commands created, which PATCHes went, whether it is still being sent.</summary>
    private sealed class Sending(Effect effect, IReadOnlyList<AmoCommand> commands)
    {
        private readonly Dictionary<string, (string Collection, long Id)> _created = new(StringComparer.Ordinal);
        private int _located;

        public Effect Effect { get; } = effect;

        public IReadOnlyList<AmoCommand> Commands { get; } = commands;

        /// <summary>Ids the creates made, by command key (what <c>$result[key]</c> stands for).</summary>
        public Dictionary<string, long> Results { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Patched { get; } = new(StringComparer.Ordinal);

        /// <summary>Neither confirmed, refused nor put back for a retry.</summary>
        public bool Open { get; set; } = true;

        /// <summary>Every create was found in the account, none sent.</summary>
        public bool AllLocated => _located > 0 && _located == Results.Count && Patched.Count == 0;

        public void Landed(AmoCommand command, long id, bool located = false)
        {
            if (AmoEffects.IsRepeatable(command.Method))
            {
                Patched.Add(command.Key);
                return;
            }

            Results[command.Key] = id;
            _created[command.Key] = (AmoEffectLocator.Collection(command.Path), id);
            _located += located ? 1 : 0;
        }

        /// <summary>What the audit keeps: the ids created (<c>created</c>, as for Bitrix24) and with their collection (<c>amoCreated</c>, for the locator).</summary>
        public JObject Landed()
        {
            if (_created.Count == 0)
            {
                return [];
            }

            var landed = new JObject
            {
                ["created"] = new JArray(_created.Values.Select(c => c.Id)),
                ["amoCreated"] = new JArray(_created.Values.Select(c => $"{c.Collection}/{c.Id.ToString(CultureInfo.InvariantCulture)}")),
            };
            if (_located > 0)
            {
                landed["found"] = true;
            }

            return landed;
        }
    }

    private sealed record Ready(Sending Sending, AmoCommand Command, JObject Body);
}
