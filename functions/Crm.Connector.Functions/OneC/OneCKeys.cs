using System.Globalization;
using Crm.Connector.OneC;

namespace Crm.Connector.Functions.OneC;

/// <summary>
/// The app's own <c>Ref_Key</c>s for what it creates in 1C, derived from the installation and the CRM item (RFC 4122
/// version 5): a retry after a lost answer names the same object, and 1C refuses a second one with that key, so no retry
/// can make a second invoice or counterparty.
/// </summary>
public static class OneCKeys
{
    /// <summary>The namespace of Crm.Connector's 1C keys (fixed forever: changing it would orphan every invoice made).</summary>
    private static readonly Guid Namespace = Guid.Parse("4f6b2d1e-9a3c-5e7f-8b1d-2c3e4f5a6b7c");

    /// <summary>The invoice of <paramref name="entity"/> <paramref name="itemId"/> (the first; a second would be <c>:invoice:2</c>).</summary>
    public static Guid Invoice(string memberId, string entity, long itemId) =>
        DeterministicGuid.V5(Namespace, $"{memberId}:{entity}:{itemId.ToString(CultureInfo.InvariantCulture)}:invoice:1");

    /// <summary>A legal entity the app creates for a payer's ИНН/КПП.</summary>
    public static Guid Company(string memberId, string inn, string? kpp) =>
        DeterministicGuid.V5(Namespace, $"{memberId}:company:{inn}:{kpp}");

    /// <summary>A private person the app creates for a contact, by phone digits (or name when there is no phone).</summary>
    public static Guid Person(string memberId, string identity) =>
        DeterministicGuid.V5(Namespace, $"{memberId}:person:{identity}");
}
