import type { Db } from '../db/database.js';

export const MAX_MATCHES = 10;

/** The lead as conversion reads it. */
export interface ConvertLead {
    id: string;
    first_name: string | null;
    last_name: string;
    company: string;
    email: string | null;
    city: string | null;
    country: string | null;
    status: string;
    owner_id: string;
    partner_account_id: string | null;
    is_converted: number;
}

/** Where a customer account may be read: every customer for vendor staff, else the partner's customers. */
export interface AccountScope {
    sql: string;
    params: unknown[];
}

/** The twin of LeadConvertSelector.cls: the reads of conversion, each within the rep's account scope. */
export class LeadConvertSelector {
    constructor(private readonly db: Db) {}

    /** The lead (system mode: the service decides what the user may do with it). */
    lead(leadId: string): ConvertLead | undefined {
        return this.db
            .prepare(
                'SELECT id, first_name, last_name, company, email, city, country, status, owner_id, partner_account_id, is_converted FROM leads WHERE id = ?'
            )
            .get(leadId) as ConvertLead | undefined;
    }

    /** The partner's Account row (its lock: BEGIN IMMEDIATE already holds the write lock). */
    lockPartnerAccount(accountId: string): void {
        this.db.prepare('SELECT id FROM accounts WHERE id = ?').get(accountId);
    }

    /** Customer accounts in scope named as the company (case-insensitive). */
    accountsNamed(scope: AccountScope, company: string): Array<{ id: string; name: string }> {
        return this.db
            .prepare(
                `SELECT a.id, a.name FROM accounts a WHERE ${scope.sql} AND a.name = ? COLLATE NOCASE ORDER BY a.name, a.id LIMIT ?`
            )
            .all(...scope.params, company, MAX_MATCHES) as Array<{ id: string; name: string }>;
    }

    /** Customer accounts in scope with a contact at the e-mail domain. */
    accountsWithDomain(scope: AccountScope, domain: string): Array<{ id: string; name: string }> {
        const pattern = `%@${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
        return this.db
            .prepare(
                `SELECT a.id, a.name FROM accounts a WHERE ${scope.sql}
                   AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id AND lower(c.email) LIKE ? ESCAPE '\\')
                 ORDER BY a.name, a.id LIMIT ?`
            )
            .all(...scope.params, pattern, MAX_MATCHES) as Array<{ id: string; name: string }>;
    }

    /** The customer account when it is in scope. */
    visibleAccount(scope: AccountScope, accountId: string): { id: string } | undefined {
        return this.db
            .prepare(`SELECT a.id FROM accounts a WHERE a.id = ? AND ${scope.sql}`)
            .get(accountId, ...scope.params) as { id: string } | undefined;
    }

    /** True when the contact is on the account. */
    isContactOf(contactId: string, accountId: string): boolean {
        return (
            this.db
                .prepare('SELECT 1 FROM contacts WHERE id = ? AND account_id = ?')
                .get(contactId, accountId) !== undefined
        );
    }

    /** Contacts on the accounts with the lead's e-mail or name. */
    matchingContacts(
        accountIds: readonly string[],
        email: string | null,
        firstName: string | null,
        lastName: string
    ): Array<{ id: string; account_id: string; name: string; email: string | null }> {
        return this.db
            .prepare(
                `SELECT c.id, c.account_id, TRIM(COALESCE(c.first_name || ' ', '') || c.last_name) AS name, c.email
                   FROM contacts c
                  WHERE c.account_id IN (${accountIds.map(() => '?').join(', ')})
                    AND ((? IS NOT NULL AND c.email = ? COLLATE NOCASE)
                      OR (COALESCE(c.first_name, '') = COALESCE(?, '') COLLATE NOCASE AND c.last_name = ? COLLATE NOCASE))
                  ORDER BY name, c.id LIMIT ?`
            )
            .all(...accountIds, email, email, firstName, lastName, MAX_MATCHES) as Array<{
            id: string;
            account_id: string;
            name: string;
            email: string | null;
        }>;
    }

    /** The converted statuses in their sort order. */
    convertedStatuses(): string[] {
        return (
            this.db
                .prepare('SELECT value FROM lead_statuses WHERE is_converted = 1 ORDER BY sort_order')
                .all() as Array<{ value: string }>
        ).map((r) => r.value);
    }
}
