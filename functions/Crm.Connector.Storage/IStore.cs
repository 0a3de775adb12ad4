using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.Leases;
using Crm.Connector.Storage.Queues;
using Crm.Connector.Storage.Snapshots;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Crm.Connector.Storage;

/// <summary>
/// Everything the app keeps, on one engine (<see cref="StoreEngine"/>). Every member is safe to use from many threads and
/// from many processes sharing the same database: the rules that must hold across instances (one token refresh per
/// portal, a job or inbox item claimed once, one request budget per portal) are kept by the database, not by locks in
/// this process.
/// </summary>
public interface IStore : IAsyncDisposable
{
    StoreEngine Engine { get; }

    /// <summary>Applies the migrations this build knows and the database has not seen, in order, each in a transaction.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>The schema version the database is at (0 before the first migration).</summary>
    Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default);

    IInstallationRepository Installations { get; }

    /// <summary>OAuth tokens of installations, encrypted at rest; refreshes are single-flight per portal across processes.</summary>
    ITokenStore Tokens { get; }

    /// <summary>amoCRM installations' token pairs by member id, encrypted at rest.</summary>
    Tokens.IAmoTokenRepository AmoTokens { get; }

    /// <summary>Provisioning ledgers (portal key = member_id).</summary>
    ILedgerStore Ledgers { get; }

    ISnapshotRepository Snapshots { get; }

    IInbox Inbox { get; }

    IJobRepository Jobs { get; }

    IQueueRepository Queues { get; }

    IAuditLog Audit { get; }

    /// <summary>Effects decided and not yet confirmed by the CRM, and the transaction that commits a claim's decisions.</summary>
    IOutbox Outbox { get; }

    /// <summary>Named leases held by one instance at a time (a portal's work, a timer's period).</summary>
    ILeases Leases { get; }

    /// <summary>Counters every instance advances together (round-robin turns).</summary>
    Counters.ICounters Counters { get; }

    /// <summary>The 1C sync: connections (passwords encrypted), invoices made for CRM items, receipts read from 1C.</summary>
    OneC.IOneCStore OneC { get; }

    /// <summary>Imports of clients from files (the app's import page): the file, progress, counts and the report.</summary>
    FileImports.IImportStore FileImports { get; }

    /// <summary>The per-portal request budget shared by every process on this database.</summary>
    IRequestBudget RequestBudget { get; }

    /// <summary>Where ASP.NET Core Data Protection keeps its key ring (shared by every instance).</summary>
    IXmlRepository DataProtectionKeys { get; }
}
