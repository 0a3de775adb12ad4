using System.Globalization;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// How an amoCRM account is named in the store (the contract with the worker): an <c>Installation</c> whose
/// <c>MemberId</c> is <c>amocrm-{account id}</c> (decimal), <c>Crm = "amocrm"</c>, <c>Domain</c> the account host.
/// The account id is the only identity the uninstall hook carries (amocrm-api.md §2.7), and unlike the host it never
/// changes.
/// </summary>
public static class AmoInstallations
{
    /// <summary>The installation's <c>Crm</c>.</summary>
    public const string Crm = "amocrm";

    private const string Prefix = "amocrm-";

    /// <summary><c>amocrm-29000001</c>.</summary>
    public static string MemberId(long accountId) => Prefix + accountId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The account id a member id names, or null when it is not an amoCRM member id.</summary>
    public static long? AccountIdOf(string memberId) =>
        memberId is not null && memberId.StartsWith(Prefix, StringComparison.Ordinal)
        && long.TryParse(memberId.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
}
