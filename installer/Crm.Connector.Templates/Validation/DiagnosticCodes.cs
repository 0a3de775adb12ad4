namespace Crm.Connector.Templates.Validation;

/// <summary>Stable codes of template findings; documented in the README ("Authoring a template").</summary>
public static class DiagnosticCodes
{
    /// <summary>The file is not JSON (or cannot be read).</summary>
    public const string Syntax = "TPL000";

    /// <summary>The JSON does not match <c>template.schema.json</c> (unknown property, wrong type, bad pattern…).</summary>
    public const string Schema = "TPL001";

    /// <summary>Two parts share a key or code that must be unique.</summary>
    public const string Duplicate = "TPL010";

    /// <summary>A reference (pipeline, stage, field, item, process, position, role) does not resolve.</summary>
    public const string UnresolvedReference = "TPL011";

    /// <summary>A flow does not have exactly one success stage.</summary>
    public const string SuccessStageCount = "TPL020";

    /// <summary>Stages are out of order: in-progress, then the success stage, then failures.</summary>
    public const string StageOrder = "TPL021";

    /// <summary>A stage code is too long for the CRM (Bitrix24 STATUS_ID).</summary>
    public const string StageCodeLength = "TPL022";

    /// <summary>A flow has no in-progress stage.</summary>
    public const string NoProcessStage = "TPL023";

    /// <summary>Stage reasons without a reason field, or not items of it.</summary>
    public const string StageReasons = "TPL024";

    /// <summary>A field code is not valid for the CRM.</summary>
    public const string FieldCode = "TPL030";

    /// <summary>List items missing on a list field, or present on another type.</summary>
    public const string ListItems = "TPL031";

    /// <summary>A field type that cannot be multiple is marked multiple.</summary>
    public const string FieldMultiple = "TPL032";

    /// <summary>A "required from stage" that cannot apply to the field's entity.</summary>
    public const string FieldRequiredFrom = "TPL033";

    /// <summary>An unknown plan name.</summary>
    public const string UnknownPlan = "TPL040";

    /// <summary>The main pipeline is not available on every plan the template installs on.</summary>
    public const string MainPipelinePlan = "TPL041";

    /// <summary>An automation's trigger does not fit its entity or flow.</summary>
    public const string Trigger = "TPL050";

    /// <summary>A condition compares a field with a value of the wrong kind, or uses an operator that does not fit.</summary>
    public const string Condition = "TPL051";

    /// <summary>An action does not fit its automation (wrong entity, recipient, value).</summary>
    public const string Action = "TPL052";

    /// <summary>A <c>{placeholder}</c> in a text names no field.</summary>
    public const string Placeholder = "TPL053";

    /// <summary>Business-process settings are inconsistent (field types, ranges).</summary>
    public const string Process = "TPL060";

    /// <summary>A robot definition is inconsistent (property types, options, process).</summary>
    public const string Robot = "TPL070";

    /// <summary>A robot that alone runs its process says nowhere which stages an admin adds it to (warning).</summary>
    public const string RobotPlacement = "TPL071";

    /// <summary>A placement (a button in the CRM's interface) is inconsistent: its process works on another entity.</summary>
    public const string Placement = "TPL072";

    /// <summary>The CRM cannot hold this part (amoCRM lead funnel, robots, placements, colours).</summary>
    public const string CrmCapability = "TPL080";

    /// <summary>A title or description lacks Russian or English text.</summary>
    public const string Localization = "TPL090";

    /// <summary>A business process nothing runs (warning).</summary>
    public const string UnusedProcess = "TPL100";
}
