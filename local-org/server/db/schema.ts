/**
 * The local org's tables: the slice of the Salesforce data model the portal uses. Each migration runs once,
 * in order, recorded in PRAGMA user_version.
 */
export const MIGRATIONS: readonly string[] = [
    `
    CREATE TABLE organization (id TEXT PRIMARY KEY, name TEXT NOT NULL, brand_color TEXT NOT NULL);
    CREATE TABLE counters (sobject TEXT PRIMARY KEY, next INTEGER NOT NULL);
    CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        is_partner INTEGER NOT NULL DEFAULT 0,
        partner_tier TEXT,
        lead_claim_limit INTEGER,
        daily_claim_limit INTEGER,
        owner_id TEXT,
        city TEXT,
        country TEXT,
        partner_account_id TEXT,
        created_date TEXT NOT NULL
    );
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        email TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('es', 'en')),
        persona TEXT NOT NULL CHECK (persona IN ('partner_rep', 'channel_manager', 'admin', 'internal')),
        account_id TEXT REFERENCES accounts(id),
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0,
        is_active INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE queues (id TEXT PRIMARY KEY, developer_name TEXT NOT NULL UNIQUE, name TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE queue_members (queue_id TEXT NOT NULL REFERENCES queues(id), user_id TEXT NOT NULL REFERENCES users(id), PRIMARY KEY (queue_id, user_id));
    CREATE TABLE lead_statuses (value TEXT PRIMARY KEY, is_converted INTEGER NOT NULL, is_default INTEGER NOT NULL DEFAULT 0, sort_order INTEGER NOT NULL);
    CREATE TABLE leads (
        id TEXT PRIMARY KEY,
        first_name TEXT,
        last_name TEXT NOT NULL,
        company TEXT NOT NULL,
        email TEXT,
        city TEXT,
        country TEXT,
        status TEXT NOT NULL REFERENCES lead_statuses(value),
        owner_id TEXT NOT NULL,
        partner_account_id TEXT REFERENCES accounts(id),
        claimed_at TEXT,
        claim_expires_at TEXT,
        claimed_from_queue TEXT,
        is_converted INTEGER NOT NULL DEFAULT 0,
        converted_opportunity_id TEXT,
        created_date TEXT NOT NULL,
        last_modified_date TEXT NOT NULL
    );
    CREATE INDEX leads_owner ON leads(owner_id, is_converted, created_date, id);
    CREATE INDEX leads_partner ON leads(partner_account_id, is_converted);
    CREATE INDEX leads_expiry ON leads(claim_expires_at) WHERE claim_expires_at IS NOT NULL;
    CREATE TABLE lead_claims (
        id TEXT PRIMARY KEY,
        lead_id TEXT NOT NULL,
        partner_account_id TEXT,
        user_id TEXT,
        action TEXT NOT NULL CHECK (action IN ('Claimed', 'Released', 'Recalled', 'Converted')),
        reason TEXT,
        occurred_at TEXT NOT NULL,
        queue_id TEXT,
        opportunity_id TEXT,
        seq INTEGER NOT NULL
    );
    CREATE INDEX lead_claims_daily ON lead_claims(partner_account_id, action, occurred_at);
    CREATE TABLE contacts (id TEXT PRIMARY KEY, account_id TEXT, first_name TEXT, last_name TEXT NOT NULL, email TEXT);
    CREATE TABLE opportunities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        account_id TEXT REFERENCES accounts(id),
        partner_account_id TEXT REFERENCES accounts(id),
        owner_id TEXT NOT NULL,
        stage_name TEXT NOT NULL,
        probability INTEGER,
        amount REAL,
        currency_iso_code TEXT NOT NULL DEFAULT 'EUR',
        close_date TEXT NOT NULL,
        next_step TEXT,
        description TEXT,
        lead_id TEXT,
        created_date TEXT NOT NULL,
        last_modified_date TEXT NOT NULL
    );
    CREATE INDEX opportunities_owner ON opportunities(owner_id);
    CREATE TABLE recently_viewed (user_id TEXT NOT NULL, record_id TEXT NOT NULL, type TEXT NOT NULL, last_viewed_date TEXT NOT NULL, PRIMARY KEY (user_id, record_id));
    CREATE TABLE sessions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('browser', 'api')), expires_at TEXT NOT NULL);
    CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, to_address TEXT NOT NULL, to_user_id TEXT, template TEXT NOT NULL, subject TEXT NOT NULL, html_body TEXT NOT NULL, text_body TEXT NOT NULL, created_at TEXT NOT NULL);
    `,
    // The partner's own brand (Account.Portal_*__c), which the portal theme layout applies for its users.
    `
    ALTER TABLE accounts ADD COLUMN portal_brand_name TEXT;
    ALTER TABLE accounts ADD COLUMN portal_logo_url TEXT;
    ALTER TABLE accounts ADD COLUMN portal_primary_color TEXT;
    `,
    // Lead conversion into a chosen account and contact (Lead.ConvertedAccountId, Lead.ConvertedContactId).
    `
    ALTER TABLE leads ADD COLUMN converted_account_id TEXT;
    ALTER TABLE leads ADD COLUMN converted_contact_id TEXT;
    CREATE INDEX contacts_account ON contacts(account_id);
    `,
    // The fields of the full lead edit (the Canal_Partner_Lead_Edit field set) beyond the claim's own.
    `
    ALTER TABLE leads ADD COLUMN title TEXT;
    ALTER TABLE leads ADD COLUMN phone TEXT;
    ALTER TABLE leads ADD COLUMN mobile_phone TEXT;
    ALTER TABLE leads ADD COLUMN website TEXT;
    ALTER TABLE leads ADD COLUMN street TEXT;
    ALTER TABLE leads ADD COLUMN state TEXT;
    ALTER TABLE leads ADD COLUMN postal_code TEXT;
    ALTER TABLE leads ADD COLUMN industry TEXT;
    ALTER TABLE leads ADD COLUMN rating TEXT;
    ALTER TABLE leads ADD COLUMN number_of_employees INTEGER;
    ALTER TABLE leads ADD COLUMN description TEXT;
    `,
    // Field history (LeadHistory, OpportunityFieldHistory) in one table, written by triggers: every write path
    // (claim, release, status, recall, convert, opportunity save, a direct assignment) is tracked, as field
    // history tracking is in an org. canal_acting_user() (db/actingUser.ts) names the user of the request.
    `
    CREATE TABLE field_history (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        sobject TEXT NOT NULL CHECK (sobject IN ('Lead', 'Opportunity')),
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        user_id TEXT,
        occurred_at TEXT NOT NULL
    );
    CREATE INDEX field_history_record ON field_history(record_id, seq);
    CREATE INDEX field_history_feed ON field_history(sobject, occurred_at, id);
    ${historyTrigger('leads', 'status', 'Lead', 'Status', 'OLD.status', 'NEW.status')}
    ${historyTrigger('leads', 'owner_id', 'Lead', 'Owner', 'OLD.owner_id', 'NEW.owner_id')}
    ${historyTrigger('opportunities', 'stage_name', 'Opportunity', 'StageName', 'OLD.stage_name', 'NEW.stage_name')}
    ${historyTrigger('opportunities', 'amount', 'Opportunity', 'Amount', amountText('OLD.amount'), amountText('NEW.amount'))}
    ${historyTrigger('opportunities', 'close_date', 'Opportunity', 'CloseDate', 'OLD.close_date', 'NEW.close_date')}
    ${historyTrigger('opportunities', 'next_step', 'Opportunity', 'NextStep', 'OLD.next_step', 'NEW.next_step')}
    CREATE TRIGGER opportunities_history_created AFTER INSERT ON opportunities
    BEGIN
        ${historyInsert('Opportunity', 'created', 'NULL', 'NULL', 'COALESCE(canal_acting_user(), NEW.owner_id)', 'NEW.created_date')}
    END;
    INSERT INTO field_history (seq, id, sobject, record_id, field, user_id, occurred_at)
    SELECT n, ${historyId('n')}, 'Opportunity', id, 'created', owner_id, created_date
    FROM (SELECT ROW_NUMBER() OVER (ORDER BY created_date, id) AS n, id, owner_id, created_date FROM opportunities);
    `,
    // Lead publication (issue 19): Lead_Publication__c, Lead.Publication__c and Lead.Published_At__c. A lead with a
    // publication time is offered to each partner from that time plus its tier's first-look delay; others at once.
    `
    CREATE TABLE lead_publications (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        queue_id TEXT NOT NULL REFERENCES queues(id),
        source TEXT,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL REFERENCES users(id),
        lead_count INTEGER NOT NULL,
        idempotency_key TEXT UNIQUE,
        response TEXT
    );
    CREATE INDEX lead_publications_published ON lead_publications(published_at, id);
    ALTER TABLE leads ADD COLUMN publication_id TEXT REFERENCES lead_publications(id);
    ALTER TABLE leads ADD COLUMN published_at TEXT;
    CREATE INDEX leads_publication ON leads(publication_id);
    CREATE INDEX leads_email_lower ON leads(lower(email)) WHERE email IS NOT NULL;
    CREATE INDEX leads_company_lower ON leads(lower(company));
    `,
    // Deal registration (issue 20): Deal_Registration__c, Account.Deal_Protected_Until__c / Deal_Protected_For__c,
    // and the custom notification's target and kind on the outbox rows the notifier writes (docs/DEAL-REGISTRATION.md).
    `
    CREATE TABLE deal_registrations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('Submitted', 'Approved', 'Rejected', 'Expired')),
        partner_account_id TEXT NOT NULL REFERENCES accounts(id),
        owner_id TEXT NOT NULL REFERENCES users(id),
        company TEXT NOT NULL,
        company_key TEXT,
        contact_name TEXT,
        contact_email TEXT NOT NULL,
        email_domain TEXT,
        contact_phone TEXT,
        country TEXT,
        tax_id TEXT,
        tax_id_key TEXT,
        product_interest TEXT,
        amount REAL,
        close_date TEXT,
        description TEXT,
        submitted_at TEXT NOT NULL,
        submit_key TEXT UNIQUE,
        conflict INTEGER NOT NULL DEFAULT 0,
        conflict_summary TEXT,
        conflict_since TEXT,
        decided_at TEXT,
        decided_by TEXT REFERENCES users(id),
        rejection_reason TEXT,
        opportunity_id TEXT REFERENCES opportunities(id),
        customer_account_id TEXT REFERENCES accounts(id),
        protected_until TEXT,
        protection_extended INTEGER NOT NULL DEFAULT 0,
        expiry_notice_sent INTEGER NOT NULL DEFAULT 0,
        created_date TEXT NOT NULL,
        last_modified_date TEXT NOT NULL
    );
    CREATE INDEX deal_registrations_partner ON deal_registrations(partner_account_id, submitted_at, id);
    CREATE INDEX deal_registrations_status ON deal_registrations(status, submitted_at, id);
    CREATE INDEX deal_registrations_company_key ON deal_registrations(company_key) WHERE company_key IS NOT NULL;
    CREATE INDEX deal_registrations_email_domain ON deal_registrations(email_domain) WHERE email_domain IS NOT NULL;
    CREATE INDEX deal_registrations_tax_id_key ON deal_registrations(tax_id_key) WHERE tax_id_key IS NOT NULL;
    ALTER TABLE accounts ADD COLUMN deal_protected_until TEXT;
    ALTER TABLE accounts ADD COLUMN deal_protected_for TEXT REFERENCES accounts(id);
    ALTER TABLE outbox ADD COLUMN notification_kind TEXT;
    ALTER TABLE outbox ADD COLUMN target_id TEXT;
    `,
    // First look: when the next published lead in a rep's queues opens (LeadPublicationSelector.firstPublishedAfter)
    // is read on every queue page; without this index it walked every open lead of the queues (30 ms at 100,000
    // leads). Partial, so that the queue page's own query keeps leads_owner (a full index here was chosen for it and
    // made it as slow).
    `
    CREATE INDEX leads_owner_published ON leads(owner_id, published_at) WHERE published_at IS NOT NULL AND is_converted = 0;
    `
];

/** A history row id: key prefix 017, 12 digits, and the case-safe suffix of an all-digit id (AAA). */
function historyId(n: string): string {
    return `printf('017%012dAAA', ${n})`;
}

function historyInsert(
    sobject: string,
    field: string,
    oldValue: string,
    newValue: string,
    userId: string,
    occurredAt: string
): string {
    return `INSERT INTO field_history (seq, id, sobject, record_id, field, old_value, new_value, user_id, occurred_at)
        SELECT n, ${historyId('n')}, '${sobject}', NEW.id, '${field}', ${oldValue}, ${newValue}, ${userId}, ${occurredAt}
        FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM field_history);`;
}

/** A trigger that records one tracked field's change (at the record's LastModifiedDate). */
function historyTrigger(
    table: string,
    column: string,
    sobject: string,
    field: string,
    oldValue: string,
    newValue: string
): string {
    return `CREATE TRIGGER ${table}_history_${column} AFTER UPDATE OF ${column} ON ${table}
    WHEN OLD.${column} IS NOT NEW.${column}
    BEGIN
        ${historyInsert(sobject, field, oldValue, newValue, 'canal_acting_user()', 'NEW.last_modified_date')}
    END;`;
}

/** An amount as Apex prints a Decimal: no trailing .0 for whole numbers. */
function amountText(value: string): string {
    return `CASE WHEN ${value} IS NULL THEN NULL WHEN ${value} = CAST(${value} AS INTEGER) THEN CAST(CAST(${value} AS INTEGER) AS TEXT) ELSE CAST(${value} AS TEXT) END`;
}
