using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Functions.Bitrix24.Work.Effects;
using Crm.Connector.Functions.Work;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// Bitrix24's hand for the <see cref="ActionPlanner"/>: notifications (<c>im.notify.system.add</c>), tasks
/// (<c>tasks.task.add</c>), call-back to-dos (<c>crm.activity.todo.add</c>), timeline comments, field values and stage
/// moves (<c>crm.{entity}.update</c>, <c>crm.item.update</c> between pipelines), deal copies with their comments, e-mail
/// activities, lead routing and smart invoices — as batch commands, a later one referring to an earlier one's result
/// with <c>$result[…]</c>.
/// </summary>
internal sealed class Bitrix24ActionWriter(
    Installation installation,
    CrmTemplate template,
    ItemMapper mapper,
    IReadOnlyDictionary<string, string> supervisors) : IActionWriter
{
    private readonly List<BatchCommand> _commands = [];
    private readonly Dictionary<ItemRef, JObject> _patches = [];

    public int Count => _commands.Count;

    public IReadOnlyDictionary<ItemRef, JObject> SnapshotPatches => _patches;

    /// <summary>The timeline comments of each deal a <c>copyDeal</c> copies with its history (<see cref="DealHistory"/>).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<JObject>> History { get; init; } = new Dictionary<long, IReadOnlyList<JObject>>();

    /// <summary>What the portal holds for each lead about to be routed (deals made from it, its contact and company).</summary>
    public IReadOnlyDictionary<long, LeadConversionState> Conversions { get; init; } = new Dictionary<long, LeadConversionState>();

    /// <summary>The claim's reserved round-robin turns, by position.</summary>
    public RoundRobinTurns Turns { get; init; } = RoundRobinTurns.Empty;

    public Effect Effect(AuditEntry entry, int first, int last, DateTimeOffset now) => Bitrix24Effects.Create(entry, _commands[first..last], now);

    public string? NextAssignee(string among) => Turns.Next(among);

    public void Notify(ItemState item, string user, string message) =>
        Add(item, "im.notify.system.add", new JObject { ["USER_ID"] = user, ["MESSAGE"] = message });

    public void Task(ItemState item, string user, string title, string description, DateTimeOffset deadline) =>
        Add(item, "tasks.task.add", new JObject
        {
            ["fields"] = new JObject
            {
                ["TITLE"] = title,
                ["DESCRIPTION"] = description,
                ["RESPONSIBLE_ID"] = user,
                ["DEADLINE"] = Iso(deadline),
                ["UF_CRM_TASK"] = new JArray((item.Entity == "lead" ? "L_" : "D_") + ItemMapper.Id(item.Id)),
            },
        });

    public void Callback(ItemState item, string? user, string title, string description, DateTimeOffset deadline)
    {
        var fields = new JObject
        {
            ["ownerTypeId"] = item.Entity == "lead" ? 1 : 2,
            ["ownerId"] = item.Id,
            ["deadline"] = Iso(deadline),
            ["title"] = title,
            ["description"] = description,
        };
        if (user is not null)
        {
            fields["responsibleId"] = user;
        }

        Add(item, "crm.activity.todo.add", fields);
    }

    public void Comment(ItemState item, string text) => Comment(item, item.Id, item.Entity, text);

    public JObject Update(ItemState item, IReadOnlyDictionary<string, object?> values)
    {
        var update = mapper.ToUpdate(item.Entity, values);
        if (update.Count > 0)
        {
            Add(item, $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = update });
            Merge(item, update);
        }

        return update;
    }

    public void Assign(ItemState item, string user) =>
        Add(item, $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = new JObject { ["ASSIGNED_BY_ID"] = user } });

    public bool Move(ItemState item, string? pipeline, string stage)
    {
        var flow = item.Entity == "lead" ? LeadFunnel.Key : pipeline ?? item.Pipeline ?? string.Empty;
        if (mapper.StatusId(flow, stage) is not { } status)
        {
            return false;
        }

        if (item.Entity == "deal" && pipeline is not null && pipeline != item.Pipeline)
        {
            // Another pipeline: only crm.item.update moves a deal between categories (bitrix24-rest.md §7).
            Add(item, "crm.item.update", new JObject { ["entityTypeId"] = 2, ["id"] = item.Id, ["fields"] = new JObject { ["categoryId"] = mapper.PipelineId(pipeline), ["stageId"] = status } });
        }
        else
        {
            Add(item, $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = new JObject { [item.Entity == "lead" ? "STATUS_ID" : "STAGE_ID"] = status } });
        }

        return true;
    }

    public bool SendBack(ItemState item, string? pipeline, string stage)
    {
        var flow = item.Entity == "lead" ? LeadFunnel.Key : pipeline ?? item.Pipeline ?? string.Empty;
        if (mapper.StatusId(flow, stage) is not { } status)
        {
            return false;
        }

        var field = item.Entity == "lead" ? "STATUS_ID" : "STAGE_ID";
        Add(item, $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = new JObject { [field] = status } });

        // The return is not a new entry into the previous stage: the snapshot takes it, so its automations do not run again.
        Merge(item, new JObject { [field] = status });
        return true;
    }

    /// <summary>
    /// An e-mail to the deal's contact as an outgoing e-mail activity on its timeline (<c>crm.activity.add</c>, TYPE_ID 4).
    /// UNCONFIRMED: whether the portal sends it at once depends on its mail settings; the activity is what REST offers.
    /// </summary>
    public void Email(ItemState item, JObject raw, string address, string subject, string body) => SendEmail(item, raw, address, subject, body);

    /// <summary>An outgoing e-mail activity on the item's timeline, to <paramref name="address"/> (the item's contact when it has one).</summary>
    private void SendEmail(ItemState item, JObject raw, string address, string subject, string body)
    {
        var communication = new JObject { ["VALUE"] = address, ["TYPE"] = "EMAIL" };
        if (raw.Value<string>("CONTACT_ID") is { Length: > 0 } contact and not "0")
        {
            communication["ENTITY_ID"] = contact;
            communication["ENTITY_TYPE_ID"] = 3;
        }

        Add(item, "crm.activity.add", new JObject
        {
            ["fields"] = new JObject
            {
                ["OWNER_TYPE_ID"] = item.Entity == "lead" ? 1 : 2,
                ["OWNER_ID"] = item.Id,
                ["TYPE_ID"] = 4,
                ["DIRECTION"] = 2,
                ["SUBJECT"] = subject,
                ["DESCRIPTION"] = body,
                ["RESPONSIBLE_ID"] = FieldValues.Text(item[BuiltInFields.Responsible]),
                ["COMMUNICATIONS"] = new JArray(communication),
            },
        });
    }

    public JObject? CopyDeal(ItemState item, CopyDealAction copy, JObject raw)
    {
        if (mapper.PipelineId(copy.Pipeline) is not { } category || mapper.StatusId(copy.Pipeline, copy.Stage) is not { } stage)
        {
            return null;
        }

        var fields = new JObject { ["CATEGORY_ID"] = category, ["STAGE_ID"] = stage };
        foreach (var name in new[] { "TITLE", "OPPORTUNITY", "CURRENCY_ID", "ASSIGNED_BY_ID", "CONTACT_ID", "COMPANY_ID", "SOURCE_ID" })
        {
            if (raw[name] is { Type: not JTokenType.Null } value)
            {
                fields[name] = value.DeepClone();
            }
        }

        if (copy.CopyFields)
        {
            foreach (var property in raw.Properties().Where(p => p.Name.StartsWith("UF_CRM_", StringComparison.Ordinal)))
            {
                fields[property.Name] = property.Value.DeepClone();
            }
        }

        var added = Add(item, "crm.deal.add", new JObject { ["fields"] = fields });
        var detail = new JObject { ["to"] = $"{copy.Pipeline}/{copy.Stage}" };
        if (copy.CopyHistory)
        {
            // The history REST can write: the timeline comments, oldest first, each with its date and author; then a
            // comment saying where the copy came from (the source's system entries cannot be written).
            var comments = History.GetValueOrDefault(item.Id) ?? [];
            foreach (var comment in comments.Where(c => !string.IsNullOrWhiteSpace(c.Value<string>("COMMENT"))))
            {
                Comment(item, $"$result[{added}]", "deal", $"{comment.Value<string>("CREATED")}, пользователь {comment.Value<string>("AUTHOR_ID")}: {comment.Value<string>("COMMENT")}");
            }

            Comment(item, $"$result[{added}]", "deal", $"Копия сделки #{ItemMapper.Id(item.Id)} «{FieldValues.Text(item[BuiltInFields.Title])}»" + (comments.Count > 0 ? $": выше — её комментарии ({comments.Count.ToString(CultureInfo.InvariantCulture)})." : "."));
            detail["history"] = comments.Count;
        }

        return detail;
    }


    /// <summary>
    /// The invoice as a smart invoice (<c>crm.item.add</c>, entityTypeId 31) bound to the deal and its contact, and an
    /// e-mail to the contact telling the amount. UNCONFIRMED: the PDF and its public link are the portal's document
    /// generator's, which REST does not drive here; the e-mail states the invoice rather than attaching it.
    /// </summary>
    public string IssueInvoice(ItemState item, PlannedInvoice invoice, JObject raw)
    {
        var amount = invoice.Amount.ToString("0.00", CultureInfo.InvariantCulture);
        var fields = new JObject
        {
            ["title"] = invoice.Title,
            ["opportunity"] = amount,
            ["currencyId"] = raw.Value<string>("CURRENCY_ID") is { Length: > 0 } currency ? currency : "RUB",
            ["parentId2"] = item.Id,
            ["comments"] = invoice.Prepayment ? "Предоплата" : string.Empty,
        };
        if (raw.Value<string>("CONTACT_ID") is { Length: > 0 } contact and not "0")
        {
            fields["contactId"] = contact;
        }

        if (FieldValues.Text(item[BuiltInFields.Responsible]) is { } responsible)
        {
            fields["assignedById"] = responsible;
        }

        Add(item, "crm.item.add", new JObject { ["entityTypeId"] = 31, ["fields"] = fields });
        if (FieldValues.Text(item["contact." + SystemFields.Email]) is { } address)
        {
            SendEmail(item, raw, address, invoice.Title, $"{invoice.Title}: к оплате {amount} {fields["currencyId"]}." + (invoice.Prepayment ? " Это предоплата; остаток — после ремонта." : string.Empty));
        }

        return $"{amount}{(invoice.Prepayment ? " (prepayment)" : string.Empty)}";
    }

    /// <summary>
    /// The deal (and contact, and company) a qualified lead becomes, in one batch round: the deal refers to the contact
    /// created just before it with <c>$result[…]</c>.
    /// </summary>
    public string Route(ItemState lead, LeadRoute route, JObject raw)
    {
        // Never a second deal: a lead converted already (the portal's own conversion, or routed before) only has the
        // empty fields of its deal filled; manual conversion is the manager's (bitrix24 leads: deals carry LEAD_ID).
        var plan = LeadRouting.Plan(route, Conversions.GetValueOrDefault(lead.Id) ?? LeadConversionState.None);
        foreach (var (dealId, values) in plan.Fill)
        {
            if (mapper.ToUpdate("deal", values) is { Count: > 0 } fill)
            {
                Add(lead, "crm.deal.update", new JObject { ["id"] = dealId, ["fields"] = fill });
            }
        }

        if (!plan.CreateDeal)
        {
            return $"not created: {plan.Why}";
        }

        var stage = route.Stage ?? (template.FindFlow(route.Pipeline)?.Stages is { Count: > 0 } stages ? stages[0].Code : null);
        if (mapper.PipelineId(route.Pipeline) is not { } category || stage is null || mapper.StatusId(route.Pipeline, stage) is not { } status)
        {
            return $"not created: pipeline {route.Pipeline} is not installed on the portal";
        }

        var deal = mapper.ToUpdate("deal", route.DealFields);
        deal["CATEGORY_ID"] = category;
        deal["STAGE_ID"] = status;
        deal["LEAD_ID"] = lead.Id;
        if (plan.ContactId is { } existingContact)
        {
            deal["CONTACT_ID"] = existingContact;
        }
        else if (plan.CreateContact)
        {
            var contact = new JObject
            {
                ["NAME"] = Text(raw, "NAME") ?? FieldValues.Text(lead["FIRST_NAME"]) ?? FieldValues.Text(lead[BuiltInFields.Title]),
                ["LAST_NAME"] = Text(raw, "LAST_NAME") ?? FieldValues.Text(lead["LAST_NAME"]),
                ["SECOND_NAME"] = Text(raw, "SECOND_NAME") ?? FieldValues.Text(lead["MIDDLE_NAME"]),
                ["ASSIGNED_BY_ID"] = FieldValues.Text(lead[BuiltInFields.Responsible]),
                ["LEAD_ID"] = lead.Id,
            };
            foreach (var empty in contact.Properties().Where(p => p.Value.Type == JTokenType.Null || (p.Value.Type == JTokenType.String && p.Value.Value<string>() is null)).ToList())
            {
                empty.Remove();
            }

            foreach (var multi in new[] { "PHONE", "EMAIL" })
            {
                if (raw[multi] is JArray { Count: > 0 } values)
                {
                    contact[multi] = new JArray(values.OfType<JObject>().Select(v => new JObject { ["VALUE"] = v["VALUE"], ["VALUE_TYPE"] = v["VALUE_TYPE"] ?? "WORK" }));
                }
            }

            deal["CONTACT_ID"] = $"$result[{Add(lead, "crm.contact.add", new JObject { ["fields"] = contact })}]";
        }

        if (plan.CompanyId is { } existingCompany)
        {
            deal["COMPANY_ID"] = existingCompany;
        }
        else if (plan.CreateCompany && Text(raw, "COMPANY_TITLE") is { } company)
        {
            deal["COMPANY_ID"] = $"$result[{Add(lead, "crm.company.add", new JObject { ["fields"] = new JObject { ["TITLE"] = company } })}]";
        }

        Add(lead, "crm.deal.add", new JObject { ["fields"] = deal });
        return $"{route.Pipeline}/{stage}";
    }

    private static string? Text(JObject raw, string name) => raw.Value<string>(name) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>The Bitrix24 user id a recipient stands for on this item, or null when nobody is known.</summary>
    public string? User(ItemState item, Recipient recipient)
    {
        var responsible = FieldValues.Text(item[BuiltInFields.Responsible]);
        return recipient.Kind switch
        {
            RecipientKind.Responsible => responsible,
            RecipientKind.Supervisor => installation.Settings.Value<string>("supervisor")
                ?? (responsible is null ? null : supervisors.GetValueOrDefault(responsible)),
            RecipientKind.Position => installation.Settings["positions"]?.Value<string>(recipient.Key!),
            RecipientKind.Field => FieldValues.Text(item[recipient.Key!]),
            _ => null,
        };
    }

    /// <summary><c>crm.timeline.comment.add</c> on <paramref name="entityId"/> (an id, or a <c>$result[…]</c> of this batch), counted as work for <paramref name="item"/>.</summary>
    private void Comment(ItemState item, JToken entityId, string entityType, string text) =>
        Add(item, "crm.timeline.comment.add", new JObject
        {
            ["fields"] = new JObject { ["ENTITY_ID"] = entityId, ["ENTITY_TYPE"] = entityType, ["COMMENT"] = text },
        });

    private string Add(ItemState item, string method, JObject parameters)
    {
        var key = $"{KeyPrefix(item.Entity, item.Id)}{_commands.Count.ToString(CultureInfo.InvariantCulture)}";
        _commands.Add(new BatchCommand(key, method, parameters));
        return key;
    }

    private void Merge(ItemState item, JObject update)
    {
        if (!_patches.TryGetValue(new ItemRef(item.Entity, item.Id), out var merged))
        {
            _patches[new ItemRef(item.Entity, item.Id)] = merged = [];
        }

        merged.Merge(update);
    }

    /// <summary>The keys of an item's commands start with this, so the batch answer tells whose each result is.</summary>
    public static string KeyPrefix(string entity, long id) => $"auto{entity}{id.ToString(CultureInfo.InvariantCulture)}_";

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
