namespace Crm.Connector.Storage.Leases;

/// <summary>A lease as stored: its holder and when it runs out (it may have run out already).</summary>
public sealed record Lease(string Name, string Owner, DateTimeOffset Until, DateTimeOffset AcquiredAt);
