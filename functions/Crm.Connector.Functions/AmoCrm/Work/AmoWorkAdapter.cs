using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using Crm.Connector.Automation;
using Crm.Connector.Functions.AmoCrm.Work.Effects;
using Crm.Connector.Functions.Work;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work;

/// <summary>
/// amoCRM's side of the worker: the changed leads read 250 to a request (<c>filter[id][]</c>,
/// <c>with=contacts,loss_reason</c>) and their contacts in one more when the rules name contact fields, the sales group
/// read for round-robin distribution, a copied deal's notes read for its history, and effects sent by the
/// <see cref="AmoEffectSender"/> in arrays of up to 50. amoCRM has no calls into the app (robots are Bitrix24's).
/// </summary>
public sealed class AmoWorkAdapter(IStore store, AmoClients clients, AmoAccountListsCache lists, AmoEffectSender sender, TimeProvider time) : ICrmWorkAdapter
{
    /// <summary>amoCRM's largest page: the most ids one filtered read returns.</summary>
    private const int ReadChunk = 250;

    public string Crm => AmoInstallations.Crm;

    public CrmKind Kind => CrmKind.AmoCrm;

    public async Task<ICrmWorkSession> OpenAsync(Installation installation, CrmTemplate installed, ProvisioningLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var client = clients.For(installation);
        var mapper = new AmoItemMapper(installed, ledger, await lists.GetAsync(installation.MemberId, client, cancellationToken), AccountZone(installation));
        return new Session(store, installation, installed, mapper, client, time.GetUtcNow());
    }

    public Task SendAsync(Installation installation, IReadOnlyList<Effect> effects, bool recovering, Func<CancellationToken, Task<bool>> stillHeld, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return sender.SendAsync(installation.MemberId, clients.For(installation), effects, recovering, stillHeld, cancellationToken);
    }

    public string? FailureOf(Exception exception) => exception is AmoCrmException e ? $"amoCRM: {e.GetType().Name}: {e.Message}" : null;

    /// <summary>The account's time zone (settings <c>timeZone</c>), in which amoCRM keeps date fields.</summary>
    private static TimeZoneInfo? AccountZone(Installation installation) =>
        installation.Settings.Value<string>("timeZone") is { Length: > 0 } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : null;

    private sealed class Session(IStore store, Installation installation, CrmTemplate template, AmoItemMapper mapper, AmoCrmClient client, DateTimeOffset now) : ICrmWorkSession
    {
        private readonly Dictionary<ItemRef, JObject> _raws = [];

        public IItemMapper Mapper { get; } = new MapperView(mapper);

        public IReadOnlyList<(InboxItem Call, string Why)> Screen(IReadOnlyList<InboxItem> calls) =>
            [.. calls.Select(c => (c, $"amoCRM sends no calls of kind '{c.Kind}'; ignored."))];

        public IReadOnlyList<string> CallKeys(IReadOnlyList<InboxItem> calls) => [];

        public async Task<IReadOnlyDictionary<ItemRef, ItemRead>> ReadAsync(IReadOnlyList<ItemRef> targets, CancellationToken cancellationToken)
        {
            var result = new Dictionary<ItemRef, ItemRead>();
            var leads = new Dictionary<long, JObject>();
            foreach (var chunk in targets.Where(t => t.Entity == "deal").Select(t => t.Id).Chunk(ReadChunk))
            {
                foreach (var lead in await client.Leads.ListAsync(new AmoListFilter { Ids = chunk, With = ["contacts", "loss_reason"] }, cancellationToken))
                {
                    leads[lead.Id] = JObject.FromObject(lead, AmoJson.Serializer);
                }
            }

            var contacts = await ContactsAsync(leads.Values, cancellationToken);
            foreach (var target in targets)
            {
                if (target.Entity != "deal")
                {
                    // Contacts and companies are not run by the template's automations on amoCRM: nothing to read.
                    result[target] = ItemRead.Missing;
                    continue;
                }

                if (!leads.TryGetValue(target.Id, out var raw))
                {
                    result[target] = ItemRead.Missing;
                    continue;
                }

                _raws[target] = raw;
                var state = mapper.ToState(target.Entity, target.Id, raw);
                if (AmoItemMapper.ContactIds(raw) is [var main, ..] && contacts.TryGetValue(main, out var contact))
                {
                    var fields = new Dictionary<string, object?>(state.Fields, StringComparer.Ordinal);
                    foreach (var (name, value) in contact.Fields)
                    {
                        fields["contact." + name] = value;
                    }

                    state = state with { Fields = fields };
                }

                result[target] = ItemRead.Found(state, raw);
            }

            return result;
        }

        public CallsOutcome RunCalls(IReadOnlyList<InboxItem> calls, ItemState after, ItemChange change, JObject raw, IReadOnlySet<string> known, Func<IReadOnlyDictionary<string, string>, Automation.Processes.ProcessContext> context) => CallsOutcome.None;

        public async Task<IActionWriter> WriterAsync(WriterInput input, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var pools = await PoolsAsync(input, cancellationToken);
            return new AmoActionWriter(installation, mapper, _raws)
            {
                History = await HistoryAsync(input, cancellationToken),
                Turns = new RoundRobinTurns(pools, await AssignmentTurns.ReserveAsync(store, installation.MemberId, input, pools, cancellationToken)),
                NowAt = now,
            };
        }

        public IReadOnlyList<Effect> CallEffects(IReadOnlyList<(InboxItem Call, string Why)> refused, IReadOnlySet<string> known, DateTimeOffset now) => [];

        /// <summary>The main contacts of the leads, read in one request per 250, when the rules name contact fields.</summary>
        private async Task<Dictionary<long, ItemState>> ContactsAsync(IEnumerable<JObject> leads, CancellationToken cancellationToken)
        {
            var result = new Dictionary<long, ItemState>();
            if (!ContactFields.Needed(template))
            {
                return result;
            }

            var ids = leads.Select(AmoItemMapper.ContactIds).Where(c => c.Count > 0).Select(c => c[0]).Distinct().ToList();
            foreach (var chunk in ids.Chunk(ReadChunk))
            {
                foreach (var contact in await client.Contacts.ListAsync(new AmoListFilter { Ids = chunk }, cancellationToken))
                {
                    result[contact.Id] = mapper.ToState("contact", contact.Id, JObject.FromObject(contact, AmoJson.Serializer));
                }
            }

            return result;
        }

        /// <summary>
        /// The users an <c>assign</c> distributes among: the active users of the sales group (settings <c>salesGroup</c>,
        /// an amoCRM users-group id; amoCRM's default sales group 0 when unset), or the ids listed in settings <c>positions.{key}</c>; ordered by id, so every
        /// instance walks the same circle.
        /// </summary>
        private async Task<Dictionary<string, IReadOnlyList<string>>> PoolsAsync(WriterInput input, CancellationToken cancellationToken)
        {
            var pools = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var positions = AssignmentTurns.Positions(input);
            if (positions.Count == 0)
            {
                return pools;
            }

            var users = await client.Users.ListAsync(cancellationToken);
            // Unset: amoCRM's own sales group, which every account has with id 0 («Отдел продаж»).
            var group = installation.Settings["salesGroup"] is JValue { Value: { } g } ? Convert.ToInt64(g, System.Globalization.CultureInfo.InvariantCulture) : 0L;
            foreach (var among in positions)
            {
                var listed = installation.Settings["positions"]?[among] is JArray list ? list.Select(u => u.ToString(Newtonsoft.Json.Formatting.None).Trim('"')).ToHashSet(StringComparer.Ordinal) : null;
                pools[among] = [.. users
                    .Where(u => u.Rights.IsActive && (listed is not null ? listed.Contains(u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : (u.Rights.GroupId ?? 0) == group))
                    .OrderBy(u => u.Id)
                    .Select(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            }

            return pools;
        }

        /// <summary>The notes of the deals a fired <c>copyDeal</c> copies with their history (one request per deal).</summary>
        private async Task<Dictionary<long, IReadOnlyList<(DateTimeOffset At, string Text)>>> HistoryAsync(WriterInput input, CancellationToken cancellationToken)
        {
            var result = new Dictionary<long, IReadOnlyList<(DateTimeOffset, string)>>();
            var deals = input.Fired
                .Where(f => f.Run.Automation.Actions.Any(a => a is CopyDealAction { CopyHistory: true }))
                .Select(f => f.Run.Item.Id)
                .Distinct();
            foreach (var deal in deals)
            {
                var notes = await client.Notes.ListAsync(AmoEntityType.Leads, deal, cancellationToken);
                result[deal] = [.. notes
                    .Where(n => n.NoteType == "common" && n.Params?.Text is { Length: > 0 })
                    .OrderBy(n => n.CreatedAt)
                    .Select(n => (n.CreatedAt ?? DateTimeOffset.MinValue, n.Params!.Text!))];
            }

            return result;
        }
    }

    /// <summary>The mapper as the pipeline sees it.</summary>
    private sealed class MapperView(AmoItemMapper mapper) : IItemMapper
    {
        public CrmTemplate Template => mapper.Template;

        public ItemState ToState(string entity, long id, JObject raw) => mapper.ToState(entity, id, raw);

        public JObject ToUpdate(string entity, IReadOnlyDictionary<string, object?> values) => mapper.ToUpdate(entity, values);

        public string Display(string entity, string field, object? value) => mapper.Display(entity, field, value);
    }
}
