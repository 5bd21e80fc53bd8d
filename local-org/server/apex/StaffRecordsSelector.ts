import type { Db } from '../db/database.js';
import type { PartnerAccountRow } from './LeadClaimRules.js';

/** One partner lead or deal as the staff lists read it. */
export interface PartnerRecordRecord {
    id: string;
    name: string;
    company: string | null;
    status: string;
    amount: number | null;
    close_date: string | null;
    partner_account_id: string | null;
    partner_name: string | null;
    owner_name: string | null;
    last_modified_date: string;
}

/** A keyset position in the staff lists: last modified, then id, both descending. */
export interface StaffCursor {
    lastModifiedDate: string;
    id: string;
}

/**
 * The reads of the local org's staff pages (routes/staff.ts): every partner's leads and deals (the org's list views
 * `Held by partners` and `Canal_Partner_Opportunities`) and the partners' claim limit overrides. Vendor staff only:
 * the route checks the persona before it reads.
 */
export class StaffRecordsSelector {
    constructor(private readonly db: Db) {}

    /** One page (size + 1 rows, to know whether another follows) of partner leads or deals, newest change first. */
    partnerRecords(
        object: 'Lead' | 'Opportunity',
        partnerAccountId: string | null,
        after: StaffCursor | null,
        size: number
    ): PartnerRecordRecord[] {
        const where = ['r.partner_account_id IS NOT NULL'];
        const params: unknown[] = [];
        if (partnerAccountId) {
            where.push('r.partner_account_id = ?');
            params.push(partnerAccountId);
        }
        if (after) {
            where.push('(r.last_modified_date < ? OR (r.last_modified_date = ? AND r.id < ?))');
            params.push(after.lastModifiedDate, after.lastModifiedDate, after.id);
        }
        const sql =
            object === 'Lead'
                ? `SELECT r.id, TRIM(COALESCE(r.first_name, '') || ' ' || r.last_name) AS name, r.company, r.status,
                     NULL AS amount, NULL AS close_date, r.partner_account_id, r.last_modified_date, p.name AS partner_name,
                     COALESCE(u.first_name || ' ' || u.last_name, q.name) AS owner_name
                   FROM leads r LEFT JOIN accounts p ON p.id = r.partner_account_id
                   LEFT JOIN users u ON u.id = r.owner_id LEFT JOIN queues q ON q.id = r.owner_id`
                : `SELECT r.id, r.name, a.name AS company, r.stage_name AS status, r.amount, r.close_date,
                     r.partner_account_id, r.last_modified_date, p.name AS partner_name, u.first_name || ' ' || u.last_name AS owner_name
                   FROM opportunities r LEFT JOIN accounts p ON p.id = r.partner_account_id
                   LEFT JOIN accounts a ON a.id = r.account_id LEFT JOIN users u ON u.id = r.owner_id`;
        return this.db
            .prepare(
                `${sql} WHERE ${where.join(' AND ')} ORDER BY r.last_modified_date DESC, r.id DESC LIMIT ?`
            )
            .all(...params, size + 1) as PartnerRecordRecord[];
    }

    /** Every partner account with its claim limit overrides, by name. */
    partnerAccounts(): Array<PartnerAccountRow & { name: string }> {
        return this.db
            .prepare(
                'SELECT id, name, partner_tier, lead_claim_limit, daily_claim_limit FROM accounts WHERE is_partner = 1 ORDER BY name COLLATE NOCASE'
            )
            .all() as Array<PartnerAccountRow & { name: string }>;
    }
}
