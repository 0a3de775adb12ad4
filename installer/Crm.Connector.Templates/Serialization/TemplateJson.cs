using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Processes;
using Crm.Connector.Templates.Model.Triggers;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Serialization;

/// <summary>The JSON form of templates: one set of settings for reading and writing.</summary>
public static class TemplateJson
{
    /// <summary>Trigger <c>type</c> → model type.</summary>
    public static readonly IReadOnlyDictionary<string, Type> TriggerTypes = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [CreatedTrigger.Type] = typeof(CreatedTrigger),
        [StageEnteredTrigger.Type] = typeof(StageEnteredTrigger),
        [InStageTrigger.Type] = typeof(InStageTrigger),
        [FieldChangedTrigger.Type] = typeof(FieldChangedTrigger),
        [FieldDateTrigger.Type] = typeof(FieldDateTrigger),
    };

    /// <summary>Action <c>type</c> → model type.</summary>
    public static readonly IReadOnlyDictionary<string, Type> ActionTypes = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [NotifyAction.Type] = typeof(NotifyAction),
        [TaskAction.Type] = typeof(TaskAction),
        [CallbackAction.Type] = typeof(CallbackAction),
        [CommentAction.Type] = typeof(CommentAction),
        [SetFieldAction.Type] = typeof(SetFieldAction),
        [MoveToStageAction.Type] = typeof(MoveToStageAction),
        [CopyDealAction.Type] = typeof(CopyDealAction),
        [RequireFieldsAction.Type] = typeof(RequireFieldsAction),
        [RunProcessAction.Type] = typeof(RunProcessAction),
        [EmailAction.Type] = typeof(EmailAction),
        [AssignAction.Type] = typeof(AssignAction),
    };

    /// <summary>Process <c>kind</c> → model type.</summary>
    public static readonly IReadOnlyDictionary<string, Type> ProcessKinds = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [AdmissionScoringProcess.Kind] = typeof(AdmissionScoringProcess),
        [RefusalCallbackProcess.Kind] = typeof(RefusalCallbackProcess),
        [LeadRoutingProcess.Kind] = typeof(LeadRoutingProcess),
        [PaymentsProcess.Kind] = typeof(PaymentsProcess),
        [InvoiceProcess.Kind] = typeof(InvoiceProcess),
        [OneCSyncProcess.Kind] = typeof(OneCSyncProcess),
    };

    /// <summary>Settings for reading and writing templates.</summary>
    public static JsonSerializerSettings Settings { get; } = CreateSettings();

    /// <summary>Options for loading template text: line numbers kept, duplicate keys rejected, no date guessing.</summary>
    public static JsonLoadSettings LoadSettings { get; } = new()
    {
        LineInfoHandling = LineInfoHandling.Load,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
    };

    /// <summary>Parses template text into a token tree with line information.</summary>
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
        };
        var token = JToken.ReadFrom(reader, LoadSettings);
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException($"Unexpected content after the end of the template at line {reader.LineNumber}.", reader.Path, reader.LineNumber, reader.LinePosition, null);
            }
        }

        return token;
    }

    /// <summary>Builds the model from a parsed template (call after schema validation).</summary>
    public static CrmTemplate ToModel(JToken root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.ToObject<CrmTemplate>(JsonSerializer.Create(Settings))
            ?? throw new JsonSerializationException("The template is empty.");
    }

    /// <summary>
    /// Builds as much of the model as can be read, skipping unknown properties and unreadable values (left at their
    /// defaults). Used only to run the semantic rules over a template that already has schema errors, so that every
    /// finding is reported in one pass.
    /// </summary>
    public static CrmTemplate? ToModelLenient(JToken root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var settings = CreateSettings();
        settings.MissingMemberHandling = MissingMemberHandling.Ignore;
        settings.Error = (_, args) => args.ErrorContext.Handled = true;
        try
        {
            return root.ToObject<CrmTemplate>(JsonSerializer.Create(settings));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes a template as indented JSON, leaving out defaults and empty lists.</summary>
    public static string Serialize(CrmTemplate template) =>
        JsonConvert.SerializeObject(template, Settings) + "\n";

    /// <summary>The template as a token tree.</summary>
    public static JToken ToToken(CrmTemplate template) => JToken.FromObject(template, JsonSerializer.Create(Settings));

    private static JsonSerializerSettings CreateSettings() => new()
    {
        ContractResolver = new TemplateContractResolver(),
        MissingMemberHandling = MissingMemberHandling.Error,
        ObjectCreationHandling = ObjectCreationHandling.Replace,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        Formatting = Formatting.Indented,
        Converters =
        {
            new StringEnumConverter { AllowIntegerValues = false },
            new LocalizedTextConverter(),
            new DelayConverter(),
            new RecipientConverter(),
            new LiteralValueConverter(),
            new ConditionConverter(),
            new DiscriminatedConverter<AutomationTrigger>("type", TriggerTypes),
            new DiscriminatedConverter<AutomationAction>("type", ActionTypes),
            new DiscriminatedConverter<ProcessDefinition>("kind", ProcessKinds),
        },
    };
}
