import type { Db } from '../db/database.js';
import { isVendorStaff, LeadClaimSelector, type UserRecord } from './LeadClaimSelector.js';

/** One history row: a tracked field change or a claim audit row, with the partner of the user who made it. */
export interface HistoryRow {
    id: string;
    kind: 'FIELD' | 'CLAIM_AUDIT';
    field: string;
    old_value: string | null;
    new_value: string | null;
    occurred_at: string;
    user_name: string | null;
    /** The partner account of the user who made the change; null for vendor staff and automation. */
    user_account_id: string | null;
}

/** A user's or a queue's name and partner account, for an owner id. */
export interface OwnerName {
    name: string | null;
    account_id: string | null;
}

/** The twin of the history queries of PartnerActivitySelector.cls: what getHistory reads. */
export class RecordHistorySelector {
    constructor(private readonly db: Db) {}

    /** The lead when the user may see it (its holder, a member of its queue, vendor staff). */
    canSeeLead(user: UserRecord, id: string): boolean {
        return !!new LeadClaimSelector(this.db).visibleLead(user.id, id);
    }

    /** The opportunity when the user may see it (vendor staff: all; a partner user: its own or its partner's). */
    canSeeOpportunity(user: UserRecord, id: string): boolean {
        if (isVendorStaff(user)) return !!this.db.prepare('SELECT 1 FROM opportunities WHERE id = ?').get(id);
        return !!this.db
            .prepare('SELECT 1 FROM opportunities WHERE id = ? AND (owner_id = ? OR partner_account_id = ?)')
            .get(id, user.id, user.account_id);
    }

    /**
     * Field history and, for a lead, its claim audit rows, newest first. A partner user reads its own partner's
     * audit rows only (a competitor's reasons are not theirs to read).
     */
    history(user: UserRecord, id: string, isLead: boolean): HistoryRow[] {
        const staff = isVendorStaff(user);
        const audit = isLead
            ? `UNION ALL SELECT c.id, 'CLAIM_AUDIT', c.action, NULL, c.reason, c.occurred_at, c.user_id
               FROM lead_claims c WHERE c.lead_id = ?${staff ? '' : ' AND c.partner_account_id IS ?'}`
            : '';
        const params: unknown[] = [id];
        if (isLead) params.push(id, ...(staff ? [] : [user.account_id]));
        return this.db
            .prepare(
                `SELECT e.id, e.kind, e.field, e.old_value, e.new_value, e.occurred_at,
                        u.first_name || ' ' || u.last_name AS user_name, u.account_id AS user_account_id
                 FROM (SELECT h.id, 'FIELD' AS kind, h.field, h.old_value, h.new_value, h.occurred_at, h.user_id
                       FROM field_history h WHERE h.record_id = ? ${audit}) e
                 LEFT JOIN users u ON u.id = e.user_id
                 ORDER BY e.occurred_at DESC, e.id DESC`
            )
            .all(...params) as HistoryRow[];
    }

    /** The name behind an owner id (a user's or a queue's), with the user's partner account. */
    ownerName(id: string): OwnerName {
        return this.db
            .prepare(
                `SELECT COALESCE((SELECT first_name || ' ' || last_name FROM users WHERE id = ?), (SELECT name FROM queues WHERE id = ?)) AS name,
                        (SELECT account_id FROM users WHERE id = ?) AS account_id`
            )
            .get(id, id, id) as OwnerName;
    }
}
