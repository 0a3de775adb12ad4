using System.Globalization;
using Crm.Connector.AmoCrm;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>How template terms are spelled in amoCRM API v4 (amocrm-api.md §3, §4.3).</summary>
public static class AmoCrmNames
{
    /// <summary>The won outcome every pipeline has, with the same id in each (§3).</summary>
    public const long Won = 142;

    /// <summary>The lost outcome every pipeline has, with the same id in each (§3).</summary>
    public const long Lost = 143;

    /// <summary>The names amoCRM gives 142 and 143 in a new pipeline.</summary>
    public const string WonName = "Успешно реализовано";

    public const string LostName = "Закрыто и не реализовано";

    /// <summary>Status <c>type</c> 1: the pipeline's «Неразобранное» (incoming requests), made by amoCRM.</summary>
    public const int UnsortedType = 1;

    /// <summary>A pipeline limit of amoCRM on every plan (§3).</summary>
    public const int MaxPipelines = 50;

    /// <summary>
    /// A stage's portal id: pipeline and status, because 142 and 143 carry the same status id in every pipeline.
    /// </summary>
    public static string StageId(long pipelineId, long statusId) =>
        string.Create(CultureInfo.InvariantCulture, $"{pipelineId}:{statusId}");

    /// <summary>Parses <see cref="StageId"/>.</summary>
    public static (long PipelineId, long StatusId) ParseStageId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(id[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var pipeline) ||
            !long.TryParse(id[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"'{id}' is not an amoCRM stage id (pipeline:status).");
        }

        return (pipeline, status);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static long Id(string id) => long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The entity whose custom fields hold a template entity's fields; null for the lead (amoCRM has none).</summary>
    public static AmoEntityType? Entity(CrmEntity entity) => entity switch
    {
        CrmEntity.Deal => AmoEntityType.Leads,
        CrmEntity.Contact => AmoEntityType.Contacts,
        CrmEntity.Company => AmoEntityType.Companies,
        _ => null,
    };

    /// <summary>The amoCRM field type a template field is created as; null where amoCRM has none (a user field).</summary>
    public static string? FieldType(FieldType type) => type switch
    {
        Templates.Model.FieldType.String => "text",
        Templates.Model.FieldType.Text => "textarea",
        Templates.Model.FieldType.Integer or Templates.Model.FieldType.Number => "numeric",
        Templates.Model.FieldType.Money => "monetary",
        Templates.Model.FieldType.Boolean => "checkbox",
        Templates.Model.FieldType.Date => "date",
        Templates.Model.FieldType.DateTime => "date_time",
        Templates.Model.FieldType.Birthday => "birthday",
        Templates.Model.FieldType.List => "select",
        Templates.Model.FieldType.MultiList => "multiselect",
        Templates.Model.FieldType.File => "file",
        Templates.Model.FieldType.Url => "url",
        Templates.Model.FieldType.Address => "streetaddress",
        _ => null,
    };

    /// <summary>The template type an amoCRM field type reads back as; null when a template has no equivalent.</summary>
    public static FieldType? TemplateType(string amoType) => amoType switch
    {
        "text" => Templates.Model.FieldType.String,
        "textarea" => Templates.Model.FieldType.Text,
        "numeric" => Templates.Model.FieldType.Number,
        "monetary" => Templates.Model.FieldType.Money,
        "checkbox" => Templates.Model.FieldType.Boolean,
        "date" => Templates.Model.FieldType.Date,
        "date_time" => Templates.Model.FieldType.DateTime,
        "birthday" => Templates.Model.FieldType.Birthday,
        "select" or "radiobutton" => Templates.Model.FieldType.List,
        "multiselect" => Templates.Model.FieldType.MultiList,
        "file" => Templates.Model.FieldType.File,
        "url" => Templates.Model.FieldType.Url,
        "streetaddress" => Templates.Model.FieldType.Address,
        _ => null,
    };

    /// <summary>The type a template field reads back as once stored (integers and decimals share <c>numeric</c>).</summary>
    public static FieldType? StoredType(FieldType type) => FieldType(type) is { } amo ? TemplateType(amo) : null;
}
