using System.Security.Cryptography;
using System.Text;

namespace Crm.Connector.Import.Rules;

/// <summary>
/// A row's stable import key: the first 16 hex digits of SHA-256 over its normalised phone, creation date and names.
/// Written into the item (Bitrix24 ORIGIN_ID, with ORIGINATOR_ID <c>crm-connector</c>); a re-run of the same file finds
/// the keys and writes nothing for those rows.
/// </summary>
public static class ImportKey
{
    /// <summary>Marks items the import created (Bitrix24 ORIGINATOR_ID).</summary>
    public const string Originator = "crm-connector";

    public static string For(string? phone, DateTime? createdLocal, string? lastName, string? firstName, string? middleName)
    {
        var text = string.Join('|',
            phone ?? string.Empty,
            createdLocal?.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            Norm(lastName), Norm(firstName), Norm(middleName));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string Norm(string? text) => (text ?? string.Empty).Trim().ToLowerInvariant().Replace('ё', 'е');
}
