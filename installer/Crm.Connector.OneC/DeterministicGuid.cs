using System.Security.Cryptography;
using System.Text;

namespace Crm.Connector.OneC;

/// <summary>
/// Name-based UUIDs (RFC 4122 §4.3, version 5, SHA-1): the same namespace and name always give the same GUID, so an
/// object created in 1C under <c>V5(ns, "b24:portal:deal:42:invoice:1")</c> is found again after a lost answer.
/// </summary>
public static class DeterministicGuid
{
    /// <summary>The version-5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    public static Guid V5(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 is defined with; this is an identifier, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
