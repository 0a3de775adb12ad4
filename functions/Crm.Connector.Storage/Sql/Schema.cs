namespace Crm.Connector.Storage.Sql;

/// <summary>
/// The schema's migrations, written once with type placeholders each engine fills in. Times are unix milliseconds
/// (bigint) in both engines; JSON is text. Never edit a released migration — add the next one.
/// </summary>
internal static class Schema
{
    private static readonly string[] Steps =
    [
        // 1: everything the app keeps.
        """
        CREATE TABLE installations (
            member_id {TEXT} PRIMARY KEY,
            crm {TEXT} NOT NULL,
            domain {TEXT} NOT NULL,
            status {TEXT} NOT NULL,
            app_token_hash {TEXT},
            plan {TEXT},
            template_key {TEXT},
            app_version {TEXT},
            settings {TEXT} NOT NULL,
            installed_at {BIGINT} NOT NULL,
            updated_at {BIGINT} NOT NULL,
            swept_until {BIGINT},
            tokens_refreshed_at {BIGINT},
            access_token {TEXT},
            refresh_token {TEXT},
            expires_at {BIGINT},
            client_endpoint {TEXT},
            server_endpoint {TEXT},
            scope {TEXT},
            user_id {BIGINT},
            refresh_lease_owner {TEXT},
            refresh_lease_until {BIGINT});
        CREATE TABLE ledgers (
            member_id {TEXT} NOT NULL,
            template_key {TEXT} NOT NULL,
            body {TEXT} NOT NULL,
            updated_at {BIGINT} NOT NULL,
            PRIMARY KEY (member_id, template_key));
        CREATE TABLE snapshots (
            member_id {TEXT} NOT NULL,
            entity {TEXT} NOT NULL,
            item_id {BIGINT} NOT NULL,
            fields {TEXT} NOT NULL,
            seen_at {BIGINT} NOT NULL,
            PRIMARY KEY (member_id, entity, item_id));
        CREATE TABLE inbox (
            id {ID},
            key {TEXT} NOT NULL UNIQUE,
            member_id {TEXT} NOT NULL,
            kind {TEXT} NOT NULL,
            entity {TEXT},
            item_id {BIGINT},
            payload {TEXT} NOT NULL,
            received_at {BIGINT} NOT NULL,
            attempts {BIGINT} NOT NULL,
            status {TEXT} NOT NULL,
            error {TEXT},
            visible_at {BIGINT} NOT NULL);
        CREATE INDEX inbox_claim ON inbox (member_id, status, visible_at, id);
        CREATE INDEX inbox_stalled ON inbox (status, received_at);
        CREATE TABLE jobs (
            id {ID},
            key {TEXT} NOT NULL UNIQUE,
            member_id {TEXT} NOT NULL,
            kind {TEXT} NOT NULL,
            due_at {BIGINT} NOT NULL,
            payload {TEXT} NOT NULL,
            attempts {BIGINT} NOT NULL,
            status {TEXT} NOT NULL,
            error {TEXT},
            lease_until {BIGINT});
        CREATE INDEX jobs_due ON jobs (status, due_at);
        CREATE INDEX jobs_member ON jobs (member_id, key);
        CREATE TABLE queue_messages (
            id {ID},
            queue {TEXT} NOT NULL,
            body {TEXT} NOT NULL,
            dequeue_count {BIGINT} NOT NULL,
            inserted_at {BIGINT} NOT NULL,
            visible_at {BIGINT} NOT NULL,
            pop_receipt {TEXT} NOT NULL);
        CREATE INDEX queue_visible ON queue_messages (queue, visible_at, id);
        CREATE TABLE audit (
            id {ID},
            member_id {TEXT} NOT NULL,
            at {BIGINT} NOT NULL,
            entity {TEXT},
            item_id {BIGINT},
            action {TEXT} NOT NULL,
            cause {TEXT} NOT NULL,
            detail {TEXT} NOT NULL,
            key {TEXT} UNIQUE);
        CREATE INDEX audit_item ON audit (member_id, entity, item_id, id);
        CREATE TABLE request_budgets (
            portal_key {TEXT} PRIMARY KEY,
            level {REAL} NOT NULL,
            updated_at {BIGINT} NOT NULL);
        CREATE TABLE data_protection_keys (
            name {TEXT} PRIMARY KEY,
            xml {TEXT} NOT NULL);
        """,

        // 2: effects recorded before they are sent (the outbox), leases held by one instance at a time (a portal's work,
        //    a timer's period), and who holds an inbox claim (so a worker taking a portal over from a dead one gives the
        //    dead one's claims back).
        """
        CREATE TABLE effects (
            key {TEXT} PRIMARY KEY,
            member_id {TEXT} NOT NULL,
            entity {TEXT},
            item_id {BIGINT},
            action {TEXT} NOT NULL,
            cause {TEXT} NOT NULL,
            detail {TEXT} NOT NULL,
            commands {TEXT} NOT NULL,
            created_at {BIGINT} NOT NULL,
            attempts {BIGINT} NOT NULL,
            status {TEXT} NOT NULL,
            error {TEXT},
            visible_at {BIGINT} NOT NULL);
        CREATE INDEX effects_due ON effects (member_id, status, visible_at);
        CREATE TABLE leases (
            name {TEXT} PRIMARY KEY,
            owner {TEXT} NOT NULL,
            held_until {BIGINT} NOT NULL,
            acquired_at {BIGINT} NOT NULL);
        ALTER TABLE inbox ADD COLUMN claimed_by {TEXT};
        """,

        // 3: amoCRM installations' token pairs, apart from the Bitrix24 columns of installations: the two CRMs' tokens
        //    have different shapes and refresh protocols, and Bitrix24's token store must never read an amoCRM pair.
        """
        CREATE TABLE amo_tokens (
            member_id {TEXT} PRIMARY KEY,
            access_token {TEXT} NOT NULL,
            refresh_token {TEXT} NOT NULL,
            expires_at {BIGINT} NOT NULL,
            updated_at {BIGINT} NOT NULL);
        """,

        // 4: counters every instance advances together (whose turn it is in a round-robin pool).
        """
        CREATE TABLE counters (
            member_id {TEXT} NOT NULL,
            name {TEXT} NOT NULL,
            value {BIGINT} NOT NULL,
            PRIMARY KEY (member_id, name));
        """,

        // 5: the 1C sync — each installation's connection (the password encrypted), the invoices the app made in 1C for
        //    deals, and the receipts it has read from 1C with their payment lines (amounts in kopecks), so that paid
        //    amounts are recomputed as sums over what 1C has now, whatever window a poll read.
        """
        CREATE TABLE onec_connections (
            member_id {TEXT} PRIMARY KEY,
            service_root {TEXT} NOT NULL,
            user_name {TEXT} NOT NULL,
            password {TEXT} NOT NULL,
            organization {TEXT} NOT NULL,
            bank_account {TEXT},
            service_item {TEXT} NOT NULL,
            vat_rate {TEXT} NOT NULL,
            time_zone {TEXT} NOT NULL,
            configuration {TEXT} NOT NULL,
            updated_at {BIGINT} NOT NULL,
            polled_at {BIGINT},
            swept_at {BIGINT},
            poll_error {TEXT});
        CREATE TABLE onec_invoices (
            member_id {TEXT} NOT NULL,
            entity {TEXT} NOT NULL,
            item_id {BIGINT} NOT NULL,
            ref_key {TEXT} NOT NULL,
            counterparty {TEXT} NOT NULL,
            number {TEXT},
            data_version {TEXT},
            total {BIGINT} NOT NULL,
            posted {BIGINT} NOT NULL,
            paid {BIGINT} NOT NULL,
            conflict {TEXT},
            updated_at {BIGINT} NOT NULL,
            PRIMARY KEY (member_id, entity, item_id));
        CREATE INDEX onec_invoices_ref ON onec_invoices (member_id, ref_key);
        CREATE TABLE onec_receipts (
            member_id {TEXT} NOT NULL,
            ref_key {TEXT} NOT NULL,
            kind {TEXT} NOT NULL,
            number {TEXT},
            doc_date {TEXT} NOT NULL,
            posted {BIGINT} NOT NULL,
            deleted {BIGINT} NOT NULL,
            amount {BIGINT} NOT NULL,
            counterparty {TEXT},
            purpose {TEXT},
            data_version {TEXT},
            matched {BIGINT} NOT NULL,
            updated_at {BIGINT} NOT NULL,
            PRIMARY KEY (member_id, ref_key));
        CREATE INDEX onec_receipts_date ON onec_receipts (member_id, doc_date);
        CREATE TABLE onec_receipt_lines (
            member_id {TEXT} NOT NULL,
            receipt_ref {TEXT} NOT NULL,
            line_no {BIGINT} NOT NULL,
            invoice_ref {TEXT},
            amount {BIGINT} NOT NULL,
            live {BIGINT} NOT NULL,
            PRIMARY KEY (member_id, receipt_ref, line_no));
        CREATE INDEX onec_receipt_lines_invoice ON onec_receipt_lines (member_id, invoice_ref);
        """,
        // 6: imports of clients from files (the portal pages' «Загрузка из Excel»): the file until it is imported, progress, counts, the report.
        """
        CREATE TABLE imports (
            id {TEXT} PRIMARY KEY,
            member_id {TEXT} NOT NULL,
            user_id {BIGINT} NOT NULL,
            user_name {TEXT} NOT NULL,
            file_name {TEXT} NOT NULL,
            content {TEXT} NOT NULL,
            duplicates {TEXT} NOT NULL,
            status {TEXT} NOT NULL,
            total {BIGINT} NOT NULL,
            done {BIGINT} NOT NULL,
            phase {TEXT},
            created {BIGINT} NOT NULL,
            merged {BIGINT} NOT NULL,
            skipped {BIGINT} NOT NULL,
            invalid {BIGINT} NOT NULL,
            failed {BIGINT} NOT NULL,
            requests {BIGINT} NOT NULL,
            error {TEXT},
            report {TEXT},
            created_at {BIGINT} NOT NULL,
            updated_at {BIGINT} NOT NULL);
        CREATE INDEX imports_member ON imports (member_id, created_at);
        """,
    ];

    /// <summary>The migrations with <paramref name="types"/> substituted (placeholder → engine type).</summary>
    public static IReadOnlyList<string> For(IReadOnlyDictionary<string, string> types) =>
        [.. Steps.Select(step => types.Aggregate(step, (sql, type) => sql.Replace(type.Key, type.Value, StringComparison.Ordinal)))];
}
