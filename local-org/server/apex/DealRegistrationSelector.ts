import type { Db } from '../db/database.js';
import { newId } from '../db/database.js';
import { DealRegistrationKeys } from './DealRegistrationKeys.js';

/** A Deal_Registration__c row as stored, with its owner's and partner's names. */
export interface DealRegistrationRecord {
    id: string;
    name: string;
    status: 'Submitted' | 'Approved' | 'Rejected' | 'Expired';
    partner_account_id: string;
    owner_id: string;
    company: string;
    company_key: string | null;
    contact_name: string | null;
    contact_email: string;
    email_domain: string | null;
    contact_phone: string | null;
    country: string | null;
    tax_id: string | null;
    tax_id_key: string | null;
    product_interest: string | null;
    amount: number | null;
    close_date: string | null;
    description: string | null;
    submitted_at: string;
    submit_key: string | null;
    conflict: number;
    conflict_summary: string | null;
    conflict_since: string | null;
    decided_at: string | null;
    decided_by: string | null;
    rejection_reason: string | null;
    opportunity_id: string | null;
    customer_account_id: string | null;
    protected_until: string | null;
    protection_extended: number;
    expiry_notice_sent: number;
    owner_name: string;
    partner_name: string;
    partner_tier: string | null;
}

/** The customer as a registration names it: any of the three keys may be null. */
export interface CustomerKeys {
    companyKey: string | null;
    emailDomain: string | null;
    taxIdKey: string | null;
}

/** A record another partner (or the vendor's direct team) holds for the same customer. */
export interface ConflictRow {
    kind: 'LEAD' | 'OPPORTUNITY' | 'REGISTRATION';
    record_id: string;
    name: string;
    /** The holder's partner account, null for the vendor's direct team. */
    held_by_id: string | null;
    held_by_name: string | null;
    owner_name: string | null;
    since: string | null;
}

export interface NewRegistration {
    id: string;
    name: string;
    partnerAccountId: string;
    ownerId: string;
    company: string;
    keys: CustomerKeys;
    contactName: string | null;
    contactEmail: string;
    contactPhone: string | null;
    country: string | null;
    taxId: string | null;
    productInterest: string | null;
    amount: number | null;
    closeDate: string | null;
    description: string | null;
    submittedAt: string;
    submitKey: string | null;
    conflictSummary: string | null;
    conflictSince: string | null;
}

const REGISTRATION_COLUMNS = `r.*, TRIM(COALESCE(u.first_name || ' ', '') || u.last_name) AS owner_name,
    p.name AS partner_name, p.partner_tier AS partner_tier`;
const REGISTRATION_FROM = `deal_registrations r JOIN users u ON u.id = r.owner_id JOIN accounts p ON p.id = r.partner_account_id`;

const withKeyFunction = new WeakSet<Db>();

/**
 * The twin of DealRegistrationSelector.cls: every read and write of deal registrations, the conflict probes over
 * leads, opportunities and registrations (system mode: a rep never sees what it collides with, the service only
 * flags it), the customer account, the outbox rows of the notifier. Partner-facing reads are bounded by the
 * caller's partner account, as the object's Private sharing is.
 */
export class DealRegistrationSelector {
    constructor(private readonly db: Db) {
        // The company key of a lead's Company or an account's Name, computed by the one implementation.
        if (!withKeyFunction.has(db)) {
            db.function('canal_company_key', { deterministic: true }, (value: unknown) =>
                DealRegistrationKeys.companyKey(typeof value === 'string' ? value : null)
            );
            withKeyFunction.add(db);
        }
    }

    /** The partner account with its name, tier and owner (the channel manager who owns the partner). */
    partner(
        accountId: string
    ): { id: string; name: string; partner_tier: string | null; owner_id: string | null } | undefined {
        return this.db
            .prepare('SELECT id, name, partner_tier, owner_id FROM accounts WHERE id = ? AND is_partner = 1')
            .get(accountId) as
            { id: string; name: string; partner_tier: string | null; owner_id: string | null } | undefined;
    }

    /** One registration (system mode: the service decides who may see it). */
    byId(id: string): DealRegistrationRecord | undefined {
        return this.db
            .prepare(`SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} WHERE r.id = ?`)
            .get(id) as DealRegistrationRecord | undefined;
    }

    bySubmitKey(submitKey: string): DealRegistrationRecord | undefined {
        return this.db
            .prepare(`SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} WHERE r.submit_key = ?`)
            .get(submitKey) as DealRegistrationRecord | undefined;
    }

    /** The next auto number, DR-00001 on. */
    nextName(): string {
        const row = this.db
            .prepare(
                "INSERT INTO counters (sobject, next) VALUES ('Deal_Registration__c.Name', 2) ON CONFLICT(sobject) DO UPDATE SET next = next + 1 RETURNING next"
            )
            .get() as { next: number };
        return `DR-${String(row.next - 1).padStart(5, '0')}`;
    }

    newRegistrationId(): string {
        return newId(this.db, 'DealRegistration');
    }

    insert(r: NewRegistration): void {
        this.db
            .prepare(
                `INSERT INTO deal_registrations (id, name, status, partner_account_id, owner_id, company, company_key, contact_name,
                 contact_email, email_domain, contact_phone, country, tax_id, tax_id_key, product_interest, amount, close_date,
                 description, submitted_at, submit_key, conflict, conflict_summary, conflict_since, created_date, last_modified_date)
                 VALUES (?, ?, 'Submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
            )
            .run(
                r.id,
                r.name,
                r.partnerAccountId,
                r.ownerId,
                r.company,
                r.keys.companyKey,
                r.contactName,
                r.contactEmail,
                r.keys.emailDomain,
                r.contactPhone,
                r.country,
                r.taxId,
                r.keys.taxIdKey,
                r.productInterest,
                r.amount,
                r.closeDate,
                r.description,
                r.submittedAt,
                r.submitKey,
                r.conflictSummary ? 1 : 0,
                r.conflictSummary,
                r.conflictSince,
                r.submittedAt,
                r.submittedAt
            );
    }

    /** One keyset page of a partner's registrations, newest first, after the given row. */
    partnerPage(
        partnerAccountId: string,
        after: { submitted_at: string; id: string } | null,
        limit: number
    ): DealRegistrationRecord[] {
        if (!after) {
            return this.db
                .prepare(
                    `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} WHERE r.partner_account_id = ?
                     ORDER BY r.submitted_at DESC, r.id DESC LIMIT ?`
                )
                .all(partnerAccountId, limit) as DealRegistrationRecord[];
        }
        return this.db
            .prepare(
                `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} WHERE r.partner_account_id = ?
                 AND (r.submitted_at < ? OR (r.submitted_at = ? AND r.id < ?))
                 ORDER BY r.submitted_at DESC, r.id DESC LIMIT ?`
            )
            .all(
                partnerAccountId,
                after.submitted_at,
                after.submitted_at,
                after.id,
                limit
            ) as DealRegistrationRecord[];
    }

    /** Submitted registrations, oldest first. */
    submitted(limit: number): DealRegistrationRecord[] {
        return this.db
            .prepare(
                `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} WHERE r.status = 'Submitted'
                 ORDER BY r.submitted_at, r.id LIMIT ?`
            )
            .all(limit) as DealRegistrationRecord[];
    }

    /**
     * Approved registrations of the same customer (any key matching), except the given one; when `protectedOn` is
     * given only those still protected that day; when `otherThanPartner` is given only other partners'.
     */
    approvedFor(
        keys: CustomerKeys,
        options: { exceptId?: string; otherThanPartner?: string; protectedOn?: string }
    ): DealRegistrationRecord[] {
        return this.matching(keys, "r.status = 'Approved'", options);
    }

    /** Another partner's Submitted or Approved registrations of the same customer (the REGISTRATION conflicts). */
    openRegistrationsOfOthers(keys: CustomerKeys, partnerAccountId: string): DealRegistrationRecord[] {
        return this.matching(keys, "r.status IN ('Submitted', 'Approved')", {
            otherThanPartner: partnerAccountId
        });
    }

    private matching(
        keys: CustomerKeys,
        statusClause: string,
        options: { exceptId?: string; otherThanPartner?: string; protectedOn?: string }
    ): DealRegistrationRecord[] {
        const match: string[] = [];
        const params: unknown[] = [];
        if (keys.companyKey) {
            match.push('r.company_key = ?');
            params.push(keys.companyKey);
        }
        if (keys.emailDomain) {
            match.push('r.email_domain = ?');
            params.push(keys.emailDomain);
        }
        if (keys.taxIdKey) {
            match.push('r.tax_id_key = ?');
            params.push(keys.taxIdKey);
        }
        if (match.length === 0) return [];
        let sql = `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} WHERE ${statusClause} AND (${match.join(' OR ')})`;
        if (options.exceptId) {
            sql += ' AND r.id <> ?';
            params.push(options.exceptId);
        }
        if (options.otherThanPartner) {
            sql += ' AND r.partner_account_id <> ?';
            params.push(options.otherThanPartner);
        }
        if (options.protectedOn) {
            sql += ' AND r.protected_until >= ?';
            params.push(options.protectedOn);
        }
        return this.db
            .prepare(`${sql} ORDER BY r.submitted_at, r.id`)
            .all(...params) as DealRegistrationRecord[];
    }

    /**
     * Open leads of the same customer (company key or e-mail domain) held by a user outside the partner: another
     * partner's rep or the vendor's own team. Queue leads are held by nobody; converted and closed leads are done.
     */
    candidateLeads(
        keys: CustomerKeys,
        partnerAccountId: string,
        closedStatuses: readonly string[]
    ): ConflictRow[] {
        const match: string[] = [];
        const params: unknown[] = [];
        if (keys.companyKey) {
            match.push('canal_company_key(l.company) = ?');
            params.push(keys.companyKey);
        }
        if (keys.emailDomain) {
            match.push("lower(l.email) LIKE '%@' || ?");
            params.push(keys.emailDomain);
        }
        if (match.length === 0) return [];
        const closed = closedStatuses.length > 0 ? closedStatuses : [''];
        return this.db
            .prepare(
                `SELECT 'LEAD' AS kind, l.id AS record_id, TRIM(COALESCE(l.first_name || ' ', '') || l.last_name) || ' (' || l.company || ')' AS name,
                 u.account_id AS held_by_id, p.name AS held_by_name,
                 TRIM(COALESCE(u.first_name || ' ', '') || u.last_name) AS owner_name, COALESCE(l.claimed_at, l.created_date) AS since
                 FROM leads l JOIN users u ON u.id = l.owner_id LEFT JOIN accounts p ON p.id = u.account_id
                 WHERE l.is_converted = 0 AND l.status NOT IN (${closed.map(() => '?').join(',')})
                 AND (u.account_id IS NULL OR u.account_id <> ?) AND (${match.join(' OR ')})
                 ORDER BY l.id`
            )
            .all(...closed, partnerAccountId, ...params) as ConflictRow[];
    }

    /** Open opportunities whose account has the same company key, owned outside the partner. */
    candidateOpportunities(
        companyKey: string | null,
        partnerAccountId: string,
        closedStages: readonly string[]
    ): ConflictRow[] {
        if (!companyKey) return [];
        const closed = closedStages.length > 0 ? closedStages : [''];
        return this.db
            .prepare(
                `SELECT 'OPPORTUNITY' AS kind, o.id AS record_id, o.name AS name, u.account_id AS held_by_id, p.name AS held_by_name,
                 TRIM(COALESCE(u.first_name || ' ', '') || u.last_name) AS owner_name, o.created_date AS since
                 FROM opportunities o JOIN accounts a ON a.id = o.account_id JOIN users u ON u.id = o.owner_id
                 LEFT JOIN accounts p ON p.id = u.account_id
                 WHERE o.stage_name NOT IN (${closed.map(() => '?').join(',')})
                 AND (u.account_id IS NULL OR u.account_id <> ?) AND canal_company_key(a.name) = ?
                 ORDER BY o.id`
            )
            .all(...closed, partnerAccountId, companyKey) as ConflictRow[];
    }

    /** The first customer (non-partner) account whose name has the company key. */
    customerAccountByKey(companyKey: string | null): { id: string; name: string } | undefined {
        if (!companyKey) return undefined;
        return this.db
            .prepare(
                'SELECT id, name FROM accounts WHERE is_partner = 0 AND canal_company_key(name) = ? ORDER BY id LIMIT 1'
            )
            .get(companyKey) as { id: string; name: string } | undefined;
    }

    insertCustomerAccount(
        name: string,
        ownerId: string,
        partnerAccountId: string,
        country: string | null,
        now: string
    ): string {
        const id = newId(this.db, 'Account');
        this.db
            .prepare(
                'INSERT INTO accounts (id, name, is_partner, owner_id, country, partner_account_id, created_date) VALUES (?, ?, 0, ?, ?, ?, ?)'
            )
            .run(id, name, ownerId, country, partnerAccountId, now);
        return id;
    }

    insertOpportunity(values: {
        name: string;
        accountId: string;
        partnerAccountId: string;
        ownerId: string;
        stageName: string;
        probability: number;
        amount: number | null;
        closeDate: string;
        description: string | null;
        now: string;
    }): string {
        const id = newId(this.db, 'Opportunity');
        this.db
            .prepare(
                `INSERT INTO opportunities (id, name, account_id, partner_account_id, owner_id, stage_name, probability, amount,
                 close_date, description, created_date, last_modified_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
            )
            .run(
                id,
                values.name,
                values.accountId,
                values.partnerAccountId,
                values.ownerId,
                values.stageName,
                values.probability,
                values.amount,
                values.closeDate,
                values.description,
                values.now,
                values.now
            );
        return id;
    }

    markApproved(
        id: string,
        values: {
            deciderId: string;
            now: string;
            protectedUntil: string;
            opportunityId: string;
            accountId: string;
        }
    ): void {
        this.db
            .prepare(
                `UPDATE deal_registrations SET status = 'Approved', decided_at = ?, decided_by = ?, protected_until = ?,
                 opportunity_id = ?, customer_account_id = ?, last_modified_date = ? WHERE id = ?`
            )
            .run(
                values.now,
                values.deciderId,
                values.protectedUntil,
                values.opportunityId,
                values.accountId,
                values.now,
                id
            );
    }

    markRejected(id: string, values: { deciderId: string; now: string; reason: string }): void {
        this.db
            .prepare(
                `UPDATE deal_registrations SET status = 'Rejected', decided_at = ?, decided_by = ?, rejection_reason = ?,
                 last_modified_date = ? WHERE id = ?`
            )
            .run(values.now, values.deciderId, values.reason, values.now, id);
    }

    markExtended(id: string, protectedUntil: string, now: string): void {
        this.db
            .prepare(
                `UPDATE deal_registrations SET protected_until = ?, protection_extended = 1, expiry_notice_sent = 0,
                 last_modified_date = ? WHERE id = ?`
            )
            .run(protectedUntil, now, id);
    }

    markExpired(id: string, now: string): void {
        this.db
            .prepare("UPDATE deal_registrations SET status = 'Expired', last_modified_date = ? WHERE id = ?")
            .run(now, id);
    }

    markNoticeSent(id: string, now: string): void {
        this.db
            .prepare(
                'UPDATE deal_registrations SET expiry_notice_sent = 1, last_modified_date = ? WHERE id = ?'
            )
            .run(now, id);
    }

    /** Account.Deal_Protected_Until__c / Deal_Protected_For__c; null clears them. */
    stampAccount(accountId: string, protectedUntil: string | null, partnerAccountId: string | null): void {
        this.db
            .prepare('UPDATE accounts SET deal_protected_until = ?, deal_protected_for = ? WHERE id = ?')
            .run(protectedUntil, partnerAccountId, accountId);
    }

    /** The account's protection stamp. */
    accountStamp(
        accountId: string
    ): { deal_protected_until: string | null; deal_protected_for: string | null } | undefined {
        return this.db
            .prepare('SELECT deal_protected_until, deal_protected_for FROM accounts WHERE id = ?')
            .get(accountId) as
            { deal_protected_until: string | null; deal_protected_for: string | null } | undefined;
    }

    /** Approved registrations whose opportunity is not won (the expiry run's candidates), by Id. */
    approvedNotWon(wonStages: readonly string[]): DealRegistrationRecord[] {
        const won = wonStages.length > 0 ? wonStages : [''];
        return this.db
            .prepare(
                `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} LEFT JOIN opportunities o ON o.id = r.opportunity_id
                 WHERE r.status = 'Approved' AND (o.id IS NULL OR o.stage_name NOT IN (${won.map(() => '?').join(',')}))
                 ORDER BY r.id`
            )
            .all(...won) as DealRegistrationRecord[];
    }

    /** Every registration's status, partner, conflict flag and decision times (the figures). */
    forFigures(): Array<{
        partner_account_id: string;
        partner_name: string;
        partner_tier: string | null;
        status: string;
        conflict: number;
        submitted_at: string;
        decided_at: string | null;
    }> {
        return this.db
            .prepare(
                `SELECT r.partner_account_id, p.name AS partner_name, p.partner_tier, r.status, r.conflict, r.submitted_at, r.decided_at
                 FROM deal_registrations r JOIN accounts p ON p.id = r.partner_account_id ORDER BY p.name, p.id`
            )
            .all() as Array<{
            partner_account_id: string;
            partner_name: string;
            partner_tier: string | null;
            status: string;
            conflict: number;
            submitted_at: string;
            decided_at: string | null;
        }>;
    }

    /** Active channel managers (the Canal_Channel_Managers group of the org) with their language. */
    channelManagers(): Array<{ id: string; email: string; language: 'es' | 'en' }> {
        return this.db
            .prepare(
                "SELECT id, email, language FROM users WHERE persona = 'channel_manager' AND is_active = 1 ORDER BY id"
            )
            .all() as Array<{ id: string; email: string; language: 'es' | 'en' }>;
    }

    activeUser(userId: string): { id: string; email: string; language: 'es' | 'en' } | undefined {
        return this.db
            .prepare('SELECT id, email, language FROM users WHERE id = ? AND is_active = 1')
            .get(userId) as { id: string; email: string; language: 'es' | 'en' } | undefined;
    }

    /** One notification on the outbox (the local org's bell and e-mail). */
    insertNotification(values: {
        toAddress: string;
        toUserId: string;
        kind: string;
        targetId: string;
        title: string;
        html: string;
        now: string;
    }): void {
        this.db
            .prepare(
                `INSERT INTO outbox (to_address, to_user_id, template, subject, html_body, text_body, created_at, notification_kind, target_id)
                 VALUES (?, ?, 'Canal_Deal_Registration', ?, ?, ?, ?, ?, ?)`
            )
            .run(
                values.toAddress,
                values.toUserId,
                values.title,
                values.html,
                values.title,
                values.now,
                values.kind,
                values.targetId
            );
    }

    /** Partner accounts that hold an approved registration of the customer protected on the day (the claim's check). */
    protectingPartners(keys: CustomerKeys, today: string): string[] {
        return [...new Set(this.approvedFor(keys, { protectedOn: today }).map((r) => r.partner_account_id))];
    }
}
