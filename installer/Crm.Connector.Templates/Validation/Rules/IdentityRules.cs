using Crm.Connector.Templates.Model;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Title and description speak both of the product's languages.</summary>
internal static class IdentityRules
{
    private static readonly string[] Languages = ["ru", "en"];

    public static void Check(ValidationContext context)
    {
        CheckBilingual(context, context.Template.Title, "$.title");
        CheckBilingual(context, context.Template.Description, "$.description");
    }

    private static void CheckBilingual(ValidationContext context, LocalizedText text, string path)
    {
        var missing = Languages.Where(language => !text.Values.ContainsKey(language)).ToList();
        if (missing.Count > 0)
        {
            context.Error(
                DiagnosticCodes.Localization,
                path,
                $"needs text in Russian and English; missing: {string.Join(", ", missing)}.",
                "Write it as {\"ru\": \"…\", \"en\": \"…\"}.");
        }
    }
}
