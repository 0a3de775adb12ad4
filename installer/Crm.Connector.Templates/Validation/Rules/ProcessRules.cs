using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Processes;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Business-process settings point at fields of the right type and at stages that exist.</summary>
internal static class ProcessRules
{
    public static void Check(ValidationContext context)
    {
        var processes = context.Template.Processes;
        context.CheckUnique(processes, p => p.Key, i => $"$.processes[{i}].key", "process key");
        for (var i = 0; i < processes.Count; i++)
        {
            var path = $"$.processes[{i}]";
            var process = processes[i];
            context.CheckPlan($"{path}.requiresPlan", process.RequiresPlan);
            switch (process)
            {
                case AdmissionScoringProcess scoring:
                    CheckScoring(context, scoring, path);
                    break;
                case RefusalCallbackProcess refusal:
                    CheckRefusal(context, refusal, path);
                    break;
                case LeadRoutingProcess routing:
                    CheckRouting(context, routing, path);
                    break;
                case PaymentsProcess payments:
                    CheckPayments(context, payments, path);
                    break;
                case InvoiceProcess invoice:
                    CheckInvoice(context, invoice, path);
                    break;
                case OneCSyncProcess oneC:
                    CheckOneC(context, oneC, path);
                    break;
            }

            // The 1C sync runs by itself on deal changes and 1C receipts; the others need something to start them.
            if (process is not OneCSyncProcess && !IsUsed(context.Template, process.Key))
            {
                context.Warning(DiagnosticCodes.UnusedProcess, $"{path}.key", $"nothing runs process '{process.Key}': no automation's runProcess, no robot and no placement names it.", "Add an automation with {\"type\": \"runProcess\", \"process\": \"" + process.Key + "\"}, a robot or a placement.");
            }
        }
    }

    private static bool IsUsed(CrmTemplate template, string key) =>
        template.Robots.Any(r => r.Process == key) ||
        template.Placements.Any(p => p.Process == key) ||
        template.Automations.SelectMany(a => Flatten(a.Actions)).OfType<RunProcessAction>().Any(r => r.Process == key);

    private static IEnumerable<AutomationAction> Flatten(IEnumerable<AutomationAction> actions) =>
        actions.SelectMany(a => a is CopyDealAction copy ? Flatten(copy.Then).Prepend(a) : [a]);

    private static void CheckScoring(ValidationContext context, AdmissionScoringProcess scoring, string path)
    {
        for (var i = 0; i < scoring.ScoreFields.Count; i++)
        {
            RequireField(context, scoring.Entity, scoring.ScoreFields[i], $"{path}.scoreFields[{i}]", "a number", f => f.Type is FieldType.Integer or FieldType.Number && !f.Multiple);
        }

        RequireField(context, scoring.Entity, scoring.ResultField, $"{path}.resultField", "a boolean", f => f.Type == FieldType.Boolean);
        if (scoring.MinScore >= scoring.MaxScore)
        {
            context.Error(DiagnosticCodes.Process, $"{path}.maxScore", $"maxScore ({scoring.MaxScore}) must be above minScore ({scoring.MinScore}).", "Scores are usually 0..100 (percent correct).");
        }
        else if (scoring.Threshold > scoring.MaxScore * scoring.ScoreFields.Count)
        {
            context.Error(DiagnosticCodes.Process, $"{path}.threshold", $"threshold {scoring.Threshold} can never be reached: {scoring.ScoreFields.Count} scores of at most {scoring.MaxScore} sum to {scoring.MaxScore * scoring.ScoreFields.Count}.", "Lower the threshold or add score fields.");
        }
    }

    private static void CheckRefusal(ValidationContext context, RefusalCallbackProcess refusal, string path)
    {
        RequireField(context, refusal.Entity, refusal.ReasonField, $"{path}.reasonField", "a text or list", f => f.Type is FieldType.String or FieldType.Text or FieldType.List);
        context.CheckRecipient(refusal.Entity, refusal.To, $"{path}.to", allowContact: false);
        context.CheckText(refusal.Entity, refusal.CallbackTitle, $"{path}.callbackTitle");
        context.CheckText(refusal.Entity, refusal.CallbackDescription, $"{path}.callbackDescription");
        context.CheckText(refusal.Entity, refusal.AskMessage, $"{path}.askMessage");
        if (refusal.SecondHalfCallbackDay <= refusal.FirstHalfCallbackDay)
        {
            context.Error(DiagnosticCodes.Process, $"{path}.secondHalfCallbackDay", $"the second half's call-back day ({refusal.SecondHalfCallbackDay}) must come after the first half's ({refusal.FirstHalfCallbackDay}).", "E.g. 1 and 15.");
        }
    }

    private static void CheckRouting(ValidationContext context, LeadRoutingProcess routing, string path)
    {
        var leads = context.FlowsFor(CrmEntity.Lead, null);
        for (var i = 0; i < routing.Rules.Count; i++)
        {
            var rule = routing.Rules[i];
            ConditionRules.Check(context, CrmEntity.Lead, leads, rule.When, $"{path}.rules[{i}].when");
            CheckTarget(context, rule.Pipeline, rule.Stage, $"{path}.rules[{i}]");
        }

        CheckTarget(context, routing.DefaultPipeline, routing.DefaultStage, path, "defaultPipeline", "defaultStage");
        foreach (var (from, to) in routing.FieldMap)
        {
            var source = context.Template.Fields.Find(CrmEntity.Lead, from);
            var target = context.Template.Fields.Find(CrmEntity.Deal, to);
            if (source is null)
            {
                context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.fieldMap.{from}", $"'{from}' is not a lead field.", Suggestions.DidYouMean(from, context.Template.Fields.Lead.Select(f => f.Code)));
            }

            if (target is null)
            {
                context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.fieldMap.{from}", $"'{to}' is not a deal field.", Suggestions.DidYouMean(to, context.Template.Fields.Deal.Select(f => f.Code)));
            }
            else if (source is not null && source.Type != target.Type)
            {
                context.Error(DiagnosticCodes.Process, $"{path}.fieldMap.{from}", $"lead field '{from}' ({EnumNames.Of(source.Type)}) cannot carry over into deal field '{to}' ({EnumNames.Of(target.Type)}).", "Map fields of the same type.");
            }
        }

        // Same-code fields carry over by themselves: they must agree in type (and list items).
        foreach (var lead in context.Template.Fields.Lead)
        {
            if (context.Template.Fields.Find(CrmEntity.Deal, lead.Code) is { } deal && deal.Type != lead.Type)
            {
                var index = context.Template.Fields.Lead.ToList().IndexOf(lead);
                context.Error(DiagnosticCodes.Process, $"$.fields.lead[{index}].type", $"lead field '{lead.Code}' ({EnumNames.Of(lead.Type)}) carries over into the deal field of the same code, which is {EnumNames.Of(deal.Type)}.", "Give both the same type, or rename one and map it in fieldMap.");
            }
        }
    }

    private static void CheckTarget(ValidationContext context, string pipelineKey, string? stage, string path, string pipelineName = "pipeline", string stageName = "stage")
    {
        if (context.Template.FindFlow(pipelineKey) is not Pipeline pipeline)
        {
            context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.{pipelineName}", $"pipeline '{pipelineKey}' is not defined in $.pipelines.", Suggestions.DidYouMean(pipelineKey, context.Template.Pipelines.Select(p => p.Key)));
            return;
        }

        if (stage is not null)
        {
            context.CheckStage($"{path}.{stageName}", stage, [pipeline], $"pipeline '{pipelineKey}'");
        }
    }

    private static void CheckPayments(ValidationContext context, PaymentsProcess payments, string path)
    {
        RequireField(context, CrmEntity.Deal, payments.PaymentsField, $"{path}.paymentsField", "a multiple money", f => f.Type == FieldType.Money && f.Multiple);
        RequireField(context, CrmEntity.Deal, payments.PaidField, $"{path}.paidField", "a single money", f => f.Type == FieldType.Money && !f.Multiple);
        RequireField(context, CrmEntity.Deal, payments.RemainingField, $"{path}.remainingField", "a single money", f => f.Type == FieldType.Money && !f.Multiple);
        CheckAmountField(context, payments.AmountField, path);
    }

    private static void CheckAmountField(ValidationContext context, string field, string path)
    {
        var amount = context.ResolveOrReport(CrmEntity.Deal, field, $"{path}.amountField");
        if (amount is not null && (!amount.IsNumeric || !amount.IsOwn))
        {
            context.Error(DiagnosticCodes.Process, $"{path}.amountField", $"{amount.Describe()} does not hold the deal's amount.", "Use \"amount\" or a money field of the deal.");
        }
    }

    private static void CheckInvoice(ValidationContext context, InvoiceProcess invoice, string path)
    {
        if (invoice.AmountBasis == InvoiceAmountBasis.Remaining && invoice.RemainingField is null)
        {
            context.Error(DiagnosticCodes.Process, path, "an invoice for the remaining amount needs \"remainingField\".", "Name the money field that holds what is left to pay.");
        }
        else if (invoice.RemainingField is not null)
        {
            RequireField(context, CrmEntity.Deal, invoice.RemainingField, $"{path}.remainingField", "a single money", f => f.Type == FieldType.Money && !f.Multiple);
        }

        CheckTarget(context, invoice.Pipeline, invoice.NextStage, path, "pipeline", "nextStage");
        context.CheckText(CrmEntity.Deal, invoice.DoneMessage, $"{path}.doneMessage");
    }

    private static void CheckOneC(ValidationContext context, OneCSyncProcess oneC, string path)
    {
        if (oneC.Entity != CrmEntity.Deal)
        {
            context.Error(DiagnosticCodes.Process, $"{path}.entity", "the 1C sync invoices deals.", "Remove \"entity\" or set it to \"deal\".");
        }

        if (oneC.InvoiceStages.Count == 0)
        {
            context.Error(DiagnosticCodes.Process, $"{path}.invoiceStages", "no stage issues the invoice.", "Name at least one {\"pipeline\", \"stage\"} whose entry creates the invoice in 1C.");
        }

        for (var i = 0; i < oneC.InvoiceStages.Count; i++)
        {
            CheckTarget(context, oneC.InvoiceStages[i].Pipeline ?? string.Empty, oneC.InvoiceStages[i].Stage, $"{path}.invoiceStages[{i}]", "pipeline", "stage");
        }

        RequireField(context, CrmEntity.Deal, oneC.InvoiceNumberField, $"{path}.invoiceNumberField", "a single string", f => f.Type == FieldType.String && !f.Multiple);
        foreach (var (code, name) in new[] { (oneC.InnField, "innField"), (oneC.KppField, "kppField") })
        {
            if (code is not null)
            {
                RequireField(context, CrmEntity.Deal, code, $"{path}.{name}", "a single string", f => f.Type == FieldType.String && !f.Multiple);
            }
        }

        foreach (var (code, name) in new[] { (oneC.PaidField, "paidField"), (oneC.RemainingField, "remainingField") })
        {
            if (code is not null)
            {
                RequireField(context, CrmEntity.Deal, code, $"{path}.{name}", "a single money", f => f.Type == FieldType.Money && !f.Multiple);
            }
        }

        CheckAmountField(context, oneC.AmountField, path);

        context.CheckText(CrmEntity.Deal, oneC.LineText, $"{path}.lineText");
        for (var i = 0; i < oneC.PaymentMoves.Count; i++)
        {
            var move = oneC.PaymentMoves[i];
            var at = $"{path}.paymentMoves[{i}]";
            CheckTarget(context, move.Pipeline, move.To, at, "pipeline", "to");
            for (var j = 0; j < move.From.Count; j++)
            {
                CheckTarget(context, move.Pipeline, move.From[j], $"{at}.from[{j}]", "pipeline", "stage");
            }
        }
    }

    private static void RequireField(ValidationContext context, CrmEntity entity, string code, string path, string kind, Func<FieldDefinition, bool> fits)
    {
        var field = context.Template.Fields.Find(entity, code);
        if (field is null)
        {
            context.Error(DiagnosticCodes.UnresolvedReference, path, $"'{code}' is not a {EnumNames.Of(entity)} field.", Suggestions.DidYouMean(code, context.Template.Fields.For(entity).Select(f => f.Code)) is { Length: > 0 } hint ? hint : $"Add it to {ValidationContext.FieldsPath(entity)}.");
        }
        else if (!fits(field))
        {
            context.Error(DiagnosticCodes.Process, path, $"'{code}' is a {(field.Multiple ? "multiple " : string.Empty)}{EnumNames.Of(field.Type)} field; this setting needs {kind} field.", "Point at a field of the right type.");
        }
    }
}
