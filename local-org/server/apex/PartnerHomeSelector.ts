import type { Db } from '../db/database.js';

export interface ExpiringRow {
    id: string;
    name: string;
    company: string;
    claim_expires_at: string;
}

export interface ClosingRow {
    id: string;
    name: string;
    account_name: string | null;
    stage_name: string;
    amount: number | null;
    currency_iso_code: string;
    close_date: string;
}

/** The twin of PartnerHomeSelector.cls: the Home cards' queries, each limited to the calling user's records. */
export class PartnerHomeSelector {
    constructor(private readonly db: Db) {}

    /** Unconverted leads waiting in the given queues. */
    waitingIn(queueIds: string[]): number {
        if (queueIds.length === 0) return 0;
        const row = this.db
            .prepare(
                `SELECT COUNT(*) AS n FROM leads WHERE is_converted = 0 AND owner_id IN (${queueIds.map(() => '?').join(',')})`
            )
            .get(...queueIds) as { n: number };
        return row.n;
    }

    /** The user's claims whose hold ends by `until`, soonest first. */
    expiringLeads(userId: string, until: string, limit: number): ExpiringRow[] {
        return this.db
            .prepare(
                `SELECT id, COALESCE(first_name || ' ', '') || last_name AS name, company, claim_expires_at
                 FROM leads WHERE owner_id = ? AND is_converted = 0 AND claim_expires_at IS NOT NULL AND claim_expires_at <= ?
                 ORDER BY claim_expires_at, id LIMIT ?`
            )
            .all(userId, until, limit) as ExpiringRow[];
    }

    /** The user's deals in the given stages: count and amount per stage. */
    pipeline(userId: string, stages: string[]): Array<{ stage_name: string; n: number; total: number }> {
        return this.db
            .prepare(
                `SELECT stage_name, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM opportunities
                 WHERE owner_id = ? AND stage_name IN (${stages.map(() => '?').join(',')}) GROUP BY stage_name`
            )
            .all(userId, ...stages) as Array<{ stage_name: string; n: number; total: number }>;
    }

    /** The user's deals in the given stages closing in a month (YYYY-MM), soonest first. */
    closingDeals(userId: string, stages: string[], month: string, limit: number): ClosingRow[] {
        return this.db
            .prepare(
                `SELECT o.id, o.name, a.name AS account_name, o.stage_name, o.amount, o.currency_iso_code, o.close_date
                 FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id
                 WHERE o.owner_id = ? AND o.stage_name IN (${stages.map(() => '?').join(',')}) AND substr(o.close_date, 1, 7) = ?
                 ORDER BY o.close_date, o.id LIMIT ?`
            )
            .all(userId, ...stages, month, limit) as ClosingRow[];
    }
}
