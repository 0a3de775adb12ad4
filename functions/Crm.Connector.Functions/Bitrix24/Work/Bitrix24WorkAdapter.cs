using Crm.Connector.Automation;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Functions.Bitrix24.Work.Effects;
using Crm.Connector.Functions.Work;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// Bitrix24's side of the worker: items read with <c>crm.{entity}.get</c> in batch calls (50 per request), their
/// contacts in one more when the rules name contact fields, robot calls screened, run and answered
/// (<c>bizproc.event.send</c>), and effects sent in batch calls by the <see cref="EffectSender"/>. A robot call the app
/// cannot run (the item does not exist, or is a lead when the robot is for deals) is answered with the error, so its
/// workflow goes on instead of waiting for its timeout, and audited.
/// </summary>
public sealed class Bitrix24WorkAdapter(IStore store, PortalClients clients, PortalListItemsCache listItems, EffectSender sender, ProcessRegistry processes, ILogger<Bitrix24WorkAdapter> log) : ICrmWorkAdapter
{
    public string Crm => "bitrix24";

    public CrmKind Kind => CrmKind.Bitrix24;

    public async Task<ICrmWorkSession> OpenAsync(Installation installation, CrmTemplate installed, ProvisioningLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var client = clients.For(installation.MemberId, installation.Plan);
        var mapper = new ItemMapper(installed, ledger, await listItems.GetAsync(installation.MemberId, client, cancellationToken));
        return new Session(store, processes, log, installation, installed, mapper, client);
    }

    public Task SendAsync(Installation installation, IReadOnlyList<Effect> effects, bool recovering, Func<CancellationToken, Task<bool>> stillHeld, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return sender.SendAsync(installation.MemberId, clients.For(installation.MemberId, installation.Plan), effects, recovering, stillHeld, cancellationToken);
    }

    public string? FailureOf(Exception exception) => exception is Bitrix24Exception e ? $"{e.Method}: {e.Code}" : null;

    /// <summary>The audit key that records a robot call as answered (so it is answered once).</summary>
    private static string AnswerKey(string memberId, InboxItem call) => $"{memberId}:robot:{call.Payload.Value<string>("eventToken")}";

    private static string ReadKey(ItemRef item) => $"read{item.Entity}{item.Id}";

    private static bool IsNotFound(BatchCommandResult result) =>
        result.ErrorCode == Bitrix24ErrorCodes.NotFound || (result.ErrorDescription?.Contains("not found", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string Failure(BatchCommandResult result) => $"{result.Method}: {result.ErrorCode} {result.ErrorDescription}";

    private sealed class Session(IStore store, ProcessRegistry processes, ILogger log, Installation installation, CrmTemplate template, ItemMapper mapper, Bitrix24Client client) : ICrmWorkSession
    {
        private readonly List<(InboxItem Call, ItemRef Item, BatchCommand Answer)> _answers = [];

        public IItemMapper Mapper => mapper;

        /// <summary>
        /// Why a robot call cannot run at all: the installed template has no robot with its code any more, or the robot
        /// is not for the kind of item it was run on (a deal robot placed in a lead's automation).
        /// </summary>
        public IReadOnlyList<(InboxItem Call, string Why)> Screen(IReadOnlyList<InboxItem> calls)
        {
            var refused = new List<(InboxItem, string)>();
            foreach (var call in calls)
            {
                var code = call.Payload.Value<string>("code");
                var robot = template.Robots.FirstOrDefault(r => r.Code == code);
                if (robot is null)
                {
                    refused.Add((call, $"Error: the app has no robot '{code}' on this portal any more; the robot did nothing."));
                }
                else if (call.Entity is null || !robot.Entities.Any(e => EnumNames.Of(e) == call.Entity))
                {
                    var kinds = string.Join(" and ", robot.Entities.Select(e => EnumNames.Of(e) + "s"));
                    refused.Add((call, $"Error: this robot works on {kinds} only; it was run on {call.Entity} {(call.ItemId is { } id ? ItemMapper.Id(id) : "?")} and did nothing."));
                }
            }

            return refused;
        }

        public IReadOnlyList<string> CallKeys(IReadOnlyList<InboxItem> calls) =>
            [.. calls.SelectMany(c => new[] { AnswerKey(installation.MemberId, c), AnswerKey(installation.MemberId, c) + ":process" })];

        public async Task<IReadOnlyDictionary<ItemRef, ItemRead>> ReadAsync(IReadOnlyList<ItemRef> targets, CancellationToken cancellationToken)
        {
            var read = await client.BatchAsync([.. targets.Select(t => new BatchCommand(ReadKey(t), $"crm.{t.Entity}.get", new JObject { ["id"] = t.Id }))], cancellationToken: cancellationToken);
            var contacts = await LinkedContactsAsync(targets, read, cancellationToken);
            var result = new Dictionary<ItemRef, ItemRead>();
            foreach (var target in targets)
            {
                var answer = read[ReadKey(target)];
                if (!answer.Succeeded)
                {
                    result[target] = IsNotFound(answer) ? ItemRead.Missing : ItemRead.Failed(Failure(answer));
                    continue;
                }

                var raw = (JObject)answer.Result!;
                var after = mapper.ToState(target.Entity, target.Id, raw);
                if (target.Entity == "deal" && contacts.TryGetValue(raw.Value<string>("CONTACT_ID") ?? string.Empty, out var contact))
                {
                    // Conditions and texts may name the linked contact's fields (contact.CLIENT_KIND).
                    var fields = new Dictionary<string, object?>(after.Fields, StringComparer.Ordinal);
                    foreach (var (name, value) in contact.Fields)
                    {
                        fields["contact." + name] = value;
                    }

                    after = after with { Fields = fields };
                }

                result[target] = ItemRead.Found(after, raw);
            }

            return result;
        }

        public CallsOutcome RunCalls(IReadOnlyList<InboxItem> calls, ItemState after, ItemChange change, JObject raw, IReadOnlySet<string> known, Func<IReadOnlyDictionary<string, string>, ProcessContext> context)
        {
            if (calls.Count == 0)
            {
                return CallsOutcome.None;
            }

            var decisions = new List<(string Process, ProcessDecision Decision)>();
            var planned = new List<PlannedDecision>();
            foreach (var call in calls)
            {
                var robot = template.Robots.FirstOrDefault(r => r.Code == call.Payload.Value<string>("code"));
                var definition = template.Processes.FirstOrDefault(p => p.Key == robot?.Process);
                var properties = (call.Payload["properties"] as JObject)?.Properties().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
                    ?? new Dictionary<string, string>(StringComparer.Ordinal);
                var decision = definition is null ? ProcessDecision.None : processes.For(definition).Decide(definition, after, context(properties));
                decisions.Add((robot?.Process ?? "unknown", decision));
                var answerKey = AnswerKey(installation.MemberId, call);
                if (!known.Contains(answerKey + ":process"))
                {
                    planned.Add(new PlannedDecision(after, change, raw, decision, answerKey + ":process", $"robot {call.Payload.Value<string>("code")}: {decision.Reason}"));
                }

                if (!known.Contains(answerKey))
                {
                    _answers.Add((call, new ItemRef(after.Entity, after.Id), AnswerCommand(call, Returns(decision.Returns), decision.Reason)));
                }
            }

            return new CallsOutcome(decisions, planned);
        }

        public async Task<IActionWriter> WriterAsync(WriterInput input, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var pools = Pools(input);
            return new Bitrix24ActionWriter(installation, template, mapper, await SupervisorsAsync(input.Fired, cancellationToken))
            {
                History = await DealHistory.ReadAsync(DealHistory.Concerned(input.Fired.Select(f => f.Run)), client, cancellationToken),
                Conversions = await LeadConversions.ReadAsync(LeadConversions.Concerned(template, input.Fired.Select(f => (f.Run, f.Raw)), input.Planned.Select(p => (p.Item, p.Raw, p.Decision))), mapper, client, cancellationToken),
                Turns = new RoundRobinTurns(pools, await AssignmentTurns.ReserveAsync(store, installation.MemberId, input, pools, cancellationToken)),
            };
        }

        public IReadOnlyList<Effect> CallEffects(IReadOnlyList<(InboxItem Call, string Why)> refused, IReadOnlySet<string> known, DateTimeOffset now)
        {
            var memberId = installation.MemberId;
            var effects = new List<Effect>();
            foreach (var (call, item, answer) in _answers)
            {
                effects.Add(Bitrix24Effects.Create(
                    new AuditEntry { MemberId = memberId, At = now, Entity = item.Entity, ItemId = item.Id, Action = "robotAnswer", Cause = $"robot {call.Payload.Value<string>("code")}", Key = AnswerKey(memberId, call) },
                    [answer],
                    now));
            }

            foreach (var (call, why) in refused)
            {
                if (known.Contains(AnswerKey(memberId, call)))
                {
                    continue;
                }

                WorkLog.RobotNotRun(log, memberId, call.Payload.Value<string>("code") ?? string.Empty, call.Entity ?? string.Empty, call.ItemId ?? 0, why);
                effects.Add(Bitrix24Effects.Create(
                    new AuditEntry { MemberId = memberId, At = now, Entity = call.Entity, ItemId = call.ItemId, Action = "robotError", Cause = $"robot {call.Payload.Value<string>("code")}: {why}", Key = AnswerKey(memberId, call) },
                    [AnswerCommand(call, new JObject(), why)],
                    now));
            }

            return effects;
        }

        /// <summary>The users of each position an <c>assign</c> action distributes among (the installation's settings: <c>positions.{key}</c>, one id or a list).</summary>
        private Dictionary<string, IReadOnlyList<string>> Pools(WriterInput input)
        {
            var pools = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var among in AssignmentTurns.Positions(input))
            {
                pools[among] = installation.Settings["positions"]?[among] switch
                {
                    JArray list => [.. list.Select(u => u.ToString(Newtonsoft.Json.Formatting.None).Trim('"')).Where(u => u.Length > 0)],
                    JValue { Value: { } one } when Convert.ToString(one, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } user => [user],
                    _ => [],
                };
            }

            return pools;
        }

        /// <summary>
        /// The contacts linked to the deals being processed, read in one more batch — only when a deal automation's
        /// condition or a required field names a contact field (seed 004: the priority client, «Вид клиента» =
        /// «Автопарк»), or an automation e-mails the contact, or the template issues invoices (they go to the contact).
        /// </summary>
        private async Task<Dictionary<string, ItemState>> LinkedContactsAsync(IReadOnlyList<ItemRef> targets, BatchResult read, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, ItemState>(StringComparer.Ordinal);
            if (!ContactFields.Needed(template))
            {
                return result;
            }

            var ids = targets.Where(t => t.Entity == "deal")
                .Select(t => read[ReadKey(t)])
                .Where(r => r.Succeeded && r.Result is JObject)
                .Select(r => ((JObject)r.Result!).Value<string>("CONTACT_ID"))
                .Where(id => id is { Length: > 0 } and not "0")
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (ids.Count == 0)
            {
                return result;
            }

            var contacts = await client.BatchAsync([.. ids.Select(id => new BatchCommand("contact" + id, "crm.contact.get", new JObject { ["id"] = id }))], cancellationToken: cancellationToken);
            foreach (var id in ids)
            {
                if (contacts["contact" + id] is { Succeeded: true, Result: JObject raw })
                {
                    result[id!] = mapper.ToState("contact", long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture), raw);
                }
            }

            return result;
        }

        /// <summary>
        /// The supervisor of each responsible user an automation addresses "the supervisor" for: the head of the user's
        /// department, or of the parent department when the user heads their own (two batch reads, only when needed; a
        /// supervisor set in the installation settings needs none).
        /// </summary>
        private async Task<IReadOnlyDictionary<string, string>> SupervisorsAsync(IReadOnlyList<(Automation.Engine.AutomationRun Run, ItemChange? Change, JObject Raw)> fired, CancellationToken cancellationToken)
        {
            var users = fired
                .Where(f => f.Run.Automation.Actions.Any(a => a is Templates.Model.Actions.NotifyAction { To.Kind: RecipientKind.Supervisor } or Templates.Model.Actions.TaskAction { To.Kind: RecipientKind.Supervisor } or Templates.Model.Actions.CallbackAction { To.Kind: RecipientKind.Supervisor }))
                .Select(f => FieldValues.Text(f.Run.Item[BuiltInFields.Responsible]))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (users.Count == 0 || installation.Settings.Value<string>("supervisor") is not null)
            {
                return result;
            }

            var found = await client.BatchAsync([.. users.Select(u => new BatchCommand("u" + u, "user.get", new JObject { ["ID"] = u }))], cancellationToken: cancellationToken);
            var departmentOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var user in users)
            {
                if (found["u" + user] is { Succeeded: true, Result: JArray { Count: > 0 } list } && list[0]["UF_DEPARTMENT"] is JArray { Count: > 0 } departments)
                {
                    departmentOf[user] = departments[0].ToString();
                }
            }

            if (departmentOf.Count == 0)
            {
                return result;
            }

            var all = await client.BatchAsync([new BatchCommand("d", "department.get", new JObject())], cancellationToken: cancellationToken);
            var heads = (all["d"].Result as JArray ?? []).OfType<JObject>().ToDictionary(d => d.Value<string>("ID") ?? string.Empty, d => (Head: d.Value<string>("UF_HEAD"), Parent: d.Value<string>("PARENT")), StringComparer.Ordinal);
            foreach (var (user, department) in departmentOf)
            {
                var (head, parent) = heads.GetValueOrDefault(department);
                if (head == user && parent is not null)
                {
                    head = heads.GetValueOrDefault(parent).Head;
                }

                if (head is { Length: > 0 } && head != "0" && head != user)
                {
                    result[user] = head;
                }
            }

            return result;
        }

        private static JObject Returns(IReadOnlyDictionary<string, object?> values)
        {
            var result = new JObject();
            foreach (var (key, value) in values)
            {
                result[key] = value switch
                {
                    // Robot bool properties take Y/N (bitrix24-rest.md §5.1).
                    bool b => b ? "Y" : "N",
                    null => string.Empty,
                    _ => JToken.FromObject(value),
                };
            }

            return result;
        }

        /// <summary><c>bizproc.event.send</c> answering a robot call.</summary>
        private static BatchCommand AnswerCommand(InboxItem call, JObject returns, string logMessage) =>
            new($"answer{call.Id}", "bizproc.event.send", new JObject
            {
                ["EVENT_TOKEN"] = call.Payload.Value<string>("eventToken"),
                ["RETURN_VALUES"] = returns,
                ["LOG_MESSAGE"] = logMessage,
            });
    }
}
