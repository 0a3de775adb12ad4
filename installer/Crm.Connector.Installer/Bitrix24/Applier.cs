using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Robots;
using Crm.Connector.Templates.Serialization;
using Newtonsoft.Json.Linq;
using Crm.Connector.Installer.Desired;

namespace Crm.Connector.Installer.Bitrix24;

/// <summary>
/// Carries out a plan on a Bitrix24 portal in as few requests as the portal allows. Round one is one <c>batch</c>
/// (split only past 50 commands) with every independent write — new pipelines (each followed by a read of the default
/// stages the portal gives it, through a <c>$result</c> reference), stages of existing flows, fields, sources, robots,
/// event handlers, removals. Round two shapes the new pipelines: their default stages are reused for the template's
/// in-progress, success and failure stages, the rest of the template's stages are added, and unused defaults are
/// removed (the pipelines were just created and hold nothing). Before each round the creates are written to the ledger
/// as pending, after it their ids, so an apply stopped anywhere resumes without duplicates.
/// </summary>
internal sealed class Applier(Bitrix24Client client, ProvisioningPlan plan, LedgerSession ledger, IProgress<ApplyProgress>? progress)
{
    private readonly ApplyTally _tally = new(plan, progress);

    public async Task<ApplyResult> RunAsync(CancellationToken cancellationToken)
    {
        var requestsBefore = client.Statistics.Requests;
        foreach (var (key, id) in plan.Recovered)
        {
            ledger.Record(ResourceKey.Parse(key), new LedgerEntry { PortalId = id, Origin = LedgerOrigin.Created });
        }

        var newPipelines = await RoundOneAsync(cancellationToken);

        // Pipelines created earlier but never shaped (an interrupted apply): their default stages are in the snapshot.
        foreach (var flow in plan.Steps.OfType<FlowStep>().Where(f => f.Action != StepAction.Create && f.Actual is not null && plan.Steps.OfType<StageStep>().Any(s => s.InNewFlow && s.FlowKey == f.Desired.FlowKey)))
        {
            var category = new JObject { ["category"] = new JObject { ["id"] = flow.Actual!.Id } };
            var defaults = new JArray(flow.Actual.Stages.Select(d => new JObject
            {
                ["ID"] = d.Id,
                ["STATUS_ID"] = d.RawCode,
                ["SEMANTICS"] = Bitrix24Names.Semantics(d.Semantics),
                ["SYSTEM"] = d.System ? "Y" : "N",
                ["SORT"] = d.Sort,
            }));
            newPipelines.Add((flow, new BatchCommandResult("recovered", "crm.category.get", BatchCommandStatus.Succeeded, category), new BatchCommandResult("recovered-stages", "crm.status.list", BatchCommandStatus.Succeeded, defaults)));
        }

        await RoundTwoAsync(newPipelines, cancellationToken);
        await ledger.SaveAsync(cancellationToken);
        return _tally.Result(client.Statistics.Requests - requestsBefore);
    }

    private async Task<List<(FlowStep Step, BatchCommandResult Pipeline, BatchCommandResult Stages)>> RoundOneAsync(CancellationToken cancellationToken)
    {
        var round = new Round();
        var created = new List<(FlowStep Step, string PipelineKey, string StagesKey)>();
        var flowIds = plan.Steps.OfType<FlowStep>().Where(f => f.PortalId is not null).ToDictionary(f => f.Desired.FlowKey, f => f.PortalId!, StringComparer.Ordinal);
        flowIds[Bitrix24Names.LeadFlowId] = Bitrix24Names.LeadFlowId;
        var knownPipelines = plan.Snapshot.Flows.Where(f => f.Entity == CrmEntity.Deal).Select(f => f.Id).ToList();

        foreach (var step in plan.Steps.Where(s => s.Writes))
        {
            switch (step)
            {
                case FlowStep { Action: StepAction.Create } flow:
                    var pipelineKey = round.Add(new BatchCommand(string.Empty, "crm.category.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["name"] = flow.Desired.Name, ["sort"] = 100 + (10 * created.Count) } }), flow, result =>
                    {
                        var id = result.Result?["category"]?.Value<string>("id");
                        ledger.Record(flow.Key, new LedgerEntry { PortalId = id ?? string.Empty, Origin = LedgerOrigin.Created });
                        _tally.Created++;
                    });
                    ledger.Record(flow.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Name = flow.Desired.Name, KnownBefore = knownPipelines });
                    var stagesKey = round.Add(new BatchCommand(string.Empty, "crm.status.list", new JObject
                    {
                        ["filter"] = new JObject { ["ENTITY_ID"] = $"DEAL_STAGE_$result[{pipelineKey}][category][id]" },
                        ["order"] = new JObject { ["SORT"] = "ASC" },
                    }), null, null);
                    created.Add((flow, pipelineKey, stagesKey));
                    break;
                case FlowStep flow:
                    if (flow.Changes.FirstOrDefault(c => c.Property == "name") is not null)
                    {
                        round.Add(new BatchCommand(string.Empty, "crm.category.update", new JObject { ["entityTypeId"] = 2, ["id"] = Int(flow.PortalId), ["fields"] = new JObject { ["name"] = flow.Desired.Name } }), flow, _ => Changed(flow, flow.PortalId!));
                    }
                    else
                    {
                        Changed(flow, flow.PortalId!);
                        Progress(flow.Title);
                    }

                    break;
                case StageStep { InNewFlow: false } stage when flowIds.TryGetValue(stage.FlowKey, out var flowId):
                    AddStage(round, stage, flowId);
                    break;
                case FieldStep field:
                    AddField(round, field);
                    break;
                case SourceStep source:
                    AddSource(round, source);
                    break;
                case RobotStep robot:
                    AddRobot(round, robot);
                    break;
                case EventStep binding:
                    AddEvent(round, binding);
                    break;
                case PlacementStep placement:
                    AddPlacement(round, placement);
                    break;
                case RemovalStep removal:
                    AddRemoval(round, removal);
                    break;
            }
        }

        if (round.IsEmpty)
        {
            return [];
        }

        await ledger.SaveAsync(cancellationToken);
        var results = await round.RunAsync(client, this, cancellationToken);
        await ledger.SaveAsync(cancellationToken);
        return [.. created.Select(c => (c.Step, results[c.PipelineKey], results[c.StagesKey]))];
    }

    private async Task RoundTwoAsync(List<(FlowStep Step, BatchCommandResult Pipeline, BatchCommandResult Stages)> pipelines, CancellationToken cancellationToken)
    {
        var round = new Round();
        foreach (var (flow, pipeline, defaultsResult) in pipelines)
        {
            var stages = plan.Steps.OfType<StageStep>().Where(s => s.InNewFlow && s.FlowKey == flow.Desired.FlowKey).ToList();
            if (!pipeline.Succeeded || !defaultsResult.Succeeded)
            {
                foreach (var stage in stages)
                {
                    Fail(stage, $"its pipeline was not created: {pipeline.ErrorCode} {pipeline.ErrorDescription}".TrimEnd());
                }

                continue;
            }

            var categoryId = pipeline.Result!["category"]!.Value<string>("id")!;
            var defaults = (defaultsResult.Result as JArray)?.OfType<JObject>().ToList() ?? [];
            var reuse = Reuse(stages, defaults);

            // The portal checks stage order on every change (in progress < success < failures), so the steps go in an
            // order that never breaks it: unused defaults out of the way, then the failure, the success and the first
            // stage moved to their places from the end, then the new stages added around them.
            foreach (var unused in defaults.Where(d => !reuse.Any(r => ReferenceEquals(r.Default, d))))
            {
                var code = unused.Value<string>("STATUS_ID");
                round.Add(new BatchCommand(string.Empty, "crm.status.delete", new JObject { ["id"] = Int(unused.Value<string>("ID")), ["params"] = new JObject { ["FORCED"] = "Y" } }), null, null, failed =>
                    _tally.Kept.Add($"default stage {code} of the new pipeline «{flow.Desired.Name}» ({failed})"));
            }

            // Moving the success stage up: failures go first (out of its way); moving it down: the first stage goes first.
            var success = reuse.FirstOrDefault(r => r.Stage.Desired.Semantics == StageSemantics.Success);
            var upward = success.Stage is null || (success.Stage.Sort ?? 0) >= Int(success.Default.Value<string>("SORT"));
            foreach (var (stage, existing) in reuse.OrderBy(r => r.Stage.Desired.Semantics switch
            {
                StageSemantics.Failure => upward ? 0 : 2,
                StageSemantics.Success => 1,
                _ => upward ? 2 : 0,
            }))
            {
                var fields = new JObject { ["NAME"] = stage.Desired.Name, ["SORT"] = stage.Sort ?? 10 * (stage.Desired.Order + 1) };
                if (stage.Desired.Color is not null)
                {
                    fields["COLOR"] = stage.Desired.Color;
                }

                var id = existing.Value<string>("ID")!;
                var code = existing.Value<string>("STATUS_ID");
                ledger.Record(stage.Key, new LedgerEntry { PortalId = id, Origin = LedgerOrigin.Pending, Code = code });
                round.Add(new BatchCommand(string.Empty, "crm.status.update", new JObject { ["id"] = Int(id), ["fields"] = fields }), stage, _ =>
                {
                    ledger.Record(stage.Key, new LedgerEntry { PortalId = id, Origin = LedgerOrigin.Created, Code = code });
                    _tally.Created++;
                });
            }

            foreach (var stage in stages.Where(s => !reuse.Any(r => r.Stage == s)))
            {
                AddStage(round, stage, categoryId);
            }
        }

        if (round.IsEmpty)
        {
            return;
        }

        await ledger.SaveAsync(cancellationToken);
        await round.RunAsync(client, this, cancellationToken);
        await ledger.SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Which default stage of a new pipeline takes which template stage: the success stage takes the default success
    /// stage (a pipeline has exactly one), the first failure the default failure, the first in-progress stage the default
    /// first stage — the three the portal keeps in every pipeline.
    /// </summary>
    private static List<(StageStep Stage, JObject Default)> Reuse(List<StageStep> stages, List<JObject> defaults)
    {
        var reuse = new List<(StageStep, JObject)>();
        void Take(StageSemantics semantics, Func<JObject, bool> pick)
        {
            var stage = stages.FirstOrDefault(s => s.Desired.Semantics == semantics);
            var match = defaults.Where(d => Bitrix24Names.Semantics(d.Value<string>("SEMANTICS")) == semantics).OrderByDescending(pick).FirstOrDefault();
            if (stage is not null && match is not null)
            {
                reuse.Add((stage, match));
            }
        }

        Take(StageSemantics.Success, d => d.Value<string>("SYSTEM") == "Y");
        Take(StageSemantics.Failure, d => d.Value<string>("SYSTEM") == "Y");
        Take(StageSemantics.Process, d => d.Value<string>("SYSTEM") == "Y");
        return reuse;
    }

    private void AddStage(Round round, StageStep stage, string flowId)
    {
        var id = stage.PortalId;
        if (stage.Action == StepAction.Create)
        {
            var fields = new JObject
            {
                ["ENTITY_ID"] = Bitrix24Names.StageDirectory(flowId),
                ["STATUS_ID"] = stage.Desired.Code,
                ["NAME"] = stage.Desired.Name,
                ["SORT"] = stage.Sort ?? 10 * (stage.Desired.Order + 1),
                ["SEMANTICS"] = Bitrix24Names.Semantics(stage.Desired.Semantics),
            };
            if (stage.Desired.Color is not null)
            {
                fields["COLOR"] = stage.Desired.Color;
            }

            var code = flowId is Bitrix24Names.LeadFlowId or "0" ? stage.Desired.Code : $"C{flowId}:{stage.Desired.Code}";
            ledger.Record(stage.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Code = code });
            round.Add(new BatchCommand(string.Empty, "crm.status.add", new JObject { ["fields"] = fields }), stage, result =>
            {
                ledger.Record(stage.Key, new LedgerEntry { PortalId = result.Result!.ToString(), Origin = LedgerOrigin.Created, Code = code });
                _tally.Created++;
            });
            return;
        }

        var update = new JObject();
        foreach (var change in stage.Changes)
        {
            switch (change.Property)
            {
                case "name":
                    update["NAME"] = stage.Desired.Name;
                    break;
                case "color":
                    update["COLOR"] = stage.Desired.Color;
                    break;
                case "sort":
                    update["SORT"] = stage.Sort;
                    break;
            }
        }

        round.Add(new BatchCommand(string.Empty, "crm.status.update", new JObject { ["id"] = Int(id), ["fields"] = update }), stage, _ => Changed(stage, id!, stage.Actual?.RawCode));
    }

    private void AddField(Round round, FieldStep step)
    {
        var field = step.Desired;
        var entity = Bitrix24Names.Entity(field.Entity);
        var (type, settings) = Bitrix24FieldTypes.ToBitrix(field.Type);
        if (step.Action == StepAction.Create)
        {
            var request = new UserFieldAddRequest
            {
                FieldName = field.Code,
                UserTypeId = type,
                Label = field.Name.IsPlain ? field.Name.Get() : null,
                EditFormLabel = Labels(field.Name),
                ListColumnLabel = Labels(field.Name),
                HelpMessage = field.Help is null ? null : Labels(field.Help),
                XmlId = field.Code,
                Multiple = Bitrix24FieldTypes.Multiple(field.Type, field.Multiple),
                Mandatory = field.Required,
                Sort = 100 + (10 * field.Order),
                Settings = settings,
                List = field.Items.Count == 0 ? null : [.. field.Items.Select(i => new UserFieldListItem { Value = i.Name, XmlId = i.Code, Sort = 10 * (i.Order + 1), Default = i.Default ? true : null })],
            };
            ledger.Record(step.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Code = Bitrix24Names.UserFieldPrefix + field.Code });
            round.Add(new BatchCommand(string.Empty, $"crm.{entity}.userfield.add", new JObject { ["fields"] = Bitrix24Json.From(request) }), step, result =>
            {
                ledger.Record(step.Key, new LedgerEntry { PortalId = result.Result!.ToString(), Origin = LedgerOrigin.Created, Code = Bitrix24Names.UserFieldPrefix + field.Code });
                foreach (var item in field.Items)
                {
                    ledger.Record(item.Key, new LedgerEntry { Origin = LedgerOrigin.Created, Code = item.Code });
                }

                _tally.Created++;
            });
            return;
        }

        var update = new JObject();
        if (step.Changes.Any(c => c.Property.StartsWith("label", StringComparison.Ordinal)))
        {
            update["EDIT_FORM_LABEL"] = Labels(field.Name);
            update["LIST_COLUMN_LABEL"] = Labels(field.Name);
        }

        if (step.Changes.Any(c => c.Property == "required"))
        {
            update["MANDATORY"] = field.Required ? "Y" : "N";
        }

        var list = new JArray();
        foreach (var item in step.Items)
        {
            switch (item.Action)
            {
                case StepAction.Create:
                    list.Add(Bitrix24Json.From(new UserFieldListItem { Value = item.Desired!.Name, XmlId = item.Desired.Code, Sort = 10 * (item.Desired.Order + 1) }));
                    break;
                case StepAction.Update:
                    list.Add(Bitrix24Json.From(new UserFieldListItem { Id = Int(item.Actual!.Id), Value = item.Desired!.Name, XmlId = item.Desired.Code }));
                    break;
                case StepAction.Delete:
                    list.Add(Bitrix24Json.From(new UserFieldListItem { Id = Int(item.Actual!.Id), Value = item.Actual.Name, Delete = true }));
                    break;
            }
        }

        if (list.Count > 0)
        {
            update["LIST"] = list;
        }

        var id = step.PortalId!;
        round.Add(new BatchCommand(string.Empty, $"crm.{entity}.userfield.update", new JObject { ["id"] = Int(id), ["fields"] = update }), step, _ =>
        {
            Changed(step, id, Bitrix24Names.UserFieldPrefix + field.Code);
            foreach (var item in step.Items)
            {
                if (item.Action == StepAction.Create)
                {
                    ledger.Record(item.Key, new LedgerEntry { Origin = LedgerOrigin.Created, Code = item.Desired!.Code });
                }
                else if (item.Action == StepAction.Delete)
                {
                    ledger.Forget(item.Key);
                }
            }
        });
    }

    private void AddSource(Round round, SourceStep source)
    {
        if (source.Action == StepAction.Create)
        {
            ledger.Record(source.Key, new LedgerEntry { Origin = LedgerOrigin.Pending, Code = source.Desired.Code });
            round.Add(new BatchCommand(string.Empty, "crm.status.add", new JObject
            {
                ["fields"] = new JObject { ["ENTITY_ID"] = Bitrix24Names.Sources, ["STATUS_ID"] = source.Desired.Code, ["NAME"] = source.Desired.Name, ["SORT"] = 10 * (source.Desired.Order + 1) },
            }), source, result =>
            {
                ledger.Record(source.Key, new LedgerEntry { PortalId = result.Result!.ToString(), Origin = LedgerOrigin.Created, Code = source.Desired.Code });
                _tally.Created++;
            });
            return;
        }

        round.Add(new BatchCommand(string.Empty, "crm.status.update", new JObject { ["id"] = Int(source.PortalId), ["fields"] = new JObject { ["NAME"] = source.Desired.Name } }), source, _ => Changed(source, source.PortalId!, source.Desired.Code));
    }

    private void AddRobot(Round round, RobotStep step)
    {
        var request = RobotRequest(step.Desired.Definition, step.Desired.Handler);
        var entry = new LedgerEntry { PortalId = request.Code, Origin = ledger.Get(step.Key)?.Origin is LedgerOrigin.Adopted ? LedgerOrigin.Adopted : LedgerOrigin.Created, Fingerprint = step.Desired.Fingerprint };
        if (step.Action == StepAction.Create)
        {
            round.Add(new BatchCommand(string.Empty, "bizproc.robot.add", Bitrix24Json.From(request)), step, _ =>
            {
                ledger.Record(step.Key, entry);
                _tally.Created++;
            });
            return;
        }

        var fields = Bitrix24Json.From(request);
        fields.Remove("CODE");
        round.Add(new BatchCommand(string.Empty, "bizproc.robot.update", new JObject { ["CODE"] = request.Code, ["FIELDS"] = fields }), step, _ =>
        {
            ledger.Record(step.Key, entry);
            _tally.Updated++;
        });
    }

    /// <summary>
    /// placement.bind with the texts per language (LANG_ALL ru/en); an update unbinds what is bound first, in the same
    /// batch (its commands run in order), as the portal cannot change a bound button.
    /// </summary>
    private void AddPlacement(Round round, PlacementStep step)
    {
        var desired = step.Desired;
        if (step.Action == StepAction.Update && step.Previous is { } previous)
        {
            round.Add(new BatchCommand(string.Empty, "placement.unbind", new JObject { ["PLACEMENT"] = previous.Code, ["HANDLER"] = previous.Handler }), null, null);
        }

        var request = new PlacementBindRequest
        {
            Placement = desired.Code,
            Handler = desired.Handler.AbsoluteUri,
            Title = desired.Title,
            Description = desired.Descriptions.GetValueOrDefault("ru"),
            LangAll = desired.Titles.ToDictionary(
                t => t.Key,
                t => new PlacementTexts { Title = t.Value, Description = desired.Descriptions.GetValueOrDefault(t.Key) ?? string.Empty },
                StringComparer.Ordinal),
        };
        var created = step.Action == StepAction.Create;
        round.Add(new BatchCommand(string.Empty, "placement.bind", Bitrix24Json.From(request)), step, _ =>
        {
            ledger.Record(step.Key, new LedgerEntry { PortalId = desired.PortalId, Origin = LedgerOrigin.Created, Code = desired.Code });
            if (created)
            {
                _tally.Created++;
            }
            else
            {
                _tally.Updated++;
            }
        });
    }

    private void AddEvent(Round round, EventStep step)
    {
        var binding = step.Desired!;
        var parameters = binding.Offline
            ? new JObject { ["event"] = binding.Event, ["event_type"] = EventBindingId.Offline }
            : new JObject { ["event"] = binding.Event, ["handler"] = binding.Handler.AbsoluteUri };

        round.Add(new BatchCommand(string.Empty, "event.bind", parameters), step, _ =>
        {
            ledger.Record(step.Key, new LedgerEntry { PortalId = binding.PortalId, Origin = LedgerOrigin.Created });
            _tally.Created++;
        });
    }

    private void AddRemoval(Round round, RemovalStep step)
    {
        void Removed(BatchCommandResult _)
        {
            ledger.Forget(step.Key);
            _tally.Deleted++;
        }

        void Refused(string why) => _tally.Kept.Add($"{step.Title}: {why}");

        switch (step.Kind)
        {
            case ResourceKind.Stage or ResourceKind.Source:
                round.Add(new BatchCommand(string.Empty, "crm.status.delete", new JObject { ["id"] = Int(step.PortalId) }), step, Removed, Refused);
                break;
            case ResourceKind.Pipeline:
                round.Add(new BatchCommand(string.Empty, "crm.category.delete", new JObject { ["entityTypeId"] = 2, ["id"] = Int(step.PortalId) }), step, Removed, Refused);
                break;
            case ResourceKind.Robot:
                round.Add(new BatchCommand(string.Empty, "bizproc.robot.delete", new JObject { ["CODE"] = step.PortalId }), step, Removed, Refused);
                break;
            case ResourceKind.EventBinding:
                round.Add(new BatchCommand(string.Empty, "event.unbind", EventBindingId.UnbindParameters(step.PortalId!)), step, Removed, Refused);
                break;
            case ResourceKind.Placement:
                round.Add(new BatchCommand(string.Empty, "placement.unbind", UnbindParameters(step.PortalId!)), step, Removed, Refused);
                break;
            case ResourceKind.Field:
                // A field's values go with it: it is removed only by an uninstall that has checked it holds none.
                _tally.Kept.Add($"{step.Title}: fields are removed only by uninstall, which checks that no item holds a value");
                Progress(step.Title);
                break;
        }
    }

    /// <summary>placement.unbind's parameters for a ledger's <c>{code}|{handler}</c>.</summary>
    internal static JObject UnbindParameters(string portalId)
    {
        var (code, handler) = DesiredPlacement.ParsePortalId(portalId);
        return new JObject { ["PLACEMENT"] = code, ["HANDLER"] = handler };
    }

    /// <summary>The <c>bizproc.robot.add</c> fields for a template robot (bitrix24-rest.md §5.1).</summary>
    internal static RobotAddRequest RobotRequest(RobotDefinition robot, Uri handler)
    {
        IReadOnlyList<string>? documentType = robot.Entities.Count == 1
            ? robot.Entities[0] == CrmEntity.Lead ? ["crm", "CCrmDocumentLead", "LEAD"] : ["crm", "CCrmDocumentDeal", "DEAL"]
            : null;
        return new RobotAddRequest
        {
            Code = robot.Code,
            Handler = handler.AbsoluteUri,
            Name = Labels(robot.Name),
            Description = robot.Description is null ? null : Labels(robot.Description),
            UseSubscription = robot.Returns.Count > 0,
            Properties = robot.Properties.Count == 0 ? null : Properties(robot.Properties),
            ReturnProperties = robot.Returns.Count == 0 ? null : Properties(robot.Returns),
            DocumentType = documentType,
            Filter = documentType is null
                ? new JObject { ["INCLUDE"] = new JArray(robot.Entities.Select(e => new JArray("crm", e == CrmEntity.Lead ? "CCrmDocumentLead" : "CCrmDocumentDeal"))) }
                : null,
        };
    }

    private static JObject Properties(IReadOnlyList<RobotProperty> properties)
    {
        var result = new JObject();
        foreach (var property in properties)
        {
            var definition = new JObject
            {
                ["Name"] = Labels(property.Name),
                ["Type"] = EnumNames.Of(property.Type),
                ["Required"] = property.Required ? "Y" : "N",
                ["Multiple"] = property.Multiple ? "Y" : "N",
            };
            if (property.Description is not null)
            {
                definition["Description"] = Labels(property.Description);
            }

            if (property.Default is { } value)
            {
                definition["Default"] = value.Kind == Templates.Model.Conditions.LiteralKind.Boolean ? (value.AsBoolean() == true ? "Y" : "N") : value.Text;
            }

            if (property.Options.Count > 0)
            {
                definition["Options"] = new JObject(property.Options.Select(o => new JProperty(o.Code, o.Name.Get())));
            }

            result[property.Key] = definition;
        }

        return result;
    }

    /// <summary>A text as Bitrix24 labels take it: one string, or a map by language.</summary>
    private static JToken Labels(LocalizedText text) =>
        text.IsPlain ? new JValue(text.Get()) : new JObject(text.Values.Select(v => new JProperty(v.Key, v.Value)));

    private void Changed(PlanStep step, string portalId, string? code = null)
    {
        if (step.Action == StepAction.Adopt)
        {
            ledger.Record(step.Key, new LedgerEntry { PortalId = portalId, Origin = LedgerOrigin.Adopted, Code = code });
            _tally.Adopted++;
        }
        else
        {
            _tally.Updated++;
        }
    }

    private void Fail(PlanStep step, string error)
    {
        if (ledger.Get(step.Key) is { Origin: LedgerOrigin.Pending })
        {
            ledger.Forget(step.Key);
        }

        _tally.Fail(step, error);
    }

    private void Progress(string current) => _tally.Done(current);

    private static int Int(string? id) => int.Parse(id ?? throw new InvalidOperationException("A step without a portal id cannot update."), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>Commands of one round, each with what to do when it succeeds or fails.</summary>
    private sealed class Round
    {
        private readonly List<(BatchCommand Command, PlanStep? Step, Action<BatchCommandResult>? Succeeded, Action<string>? Failed)> _commands = [];

        public bool IsEmpty => _commands.Count == 0;

        /// <summary>Adds a command (its key is assigned here) and returns the key.</summary>
        public string Add(BatchCommand command, PlanStep? step, Action<BatchCommandResult>? succeeded, Action<string>? failed = null)
        {
            var key = $"c{_commands.Count}";
            _commands.Add((command with { Key = key }, step, succeeded, failed));
            return key;
        }

        public async Task<BatchResult> RunAsync(Bitrix24Client client, Applier applier, CancellationToken cancellationToken)
        {
            var result = await client.BatchAsync([.. _commands.Select(c => c.Command)], cancellationToken: cancellationToken);
            foreach (var (command, step, succeeded, failed) in _commands)
            {
                var outcome = result[command.Key];
                if (outcome.Succeeded)
                {
                    succeeded?.Invoke(outcome);
                    if (step is not null)
                    {
                        applier.Progress(step.Title);
                    }

                    continue;
                }

                var error = $"{outcome.ErrorCode} {outcome.ErrorDescription}".Trim();
                if (failed is not null)
                {
                    failed(error);
                    if (step is not null)
                    {
                        applier.Progress(step.Title);
                    }
                }
                else if (step is not null)
                {
                    applier.Fail(step, error);
                }
            }

            return result;
        }
    }
}
