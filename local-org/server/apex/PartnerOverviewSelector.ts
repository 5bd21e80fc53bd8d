import type { Db } from '../db/database.js';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import type { PartnerAccountRow } from './LeadClaimRules.js';

const inList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const CLOSED = inList(OPPORTUNITY_STAGES.filter((s) => s.closed).map((s) => s.value));
const WON = inList(OPPORTUNITY_STAGES.filter((s) => s.won).map((s) => s.value));

/** The twin of the partner queries of PartnerActivitySelector.cls used by the partners overview. */
export class PartnerOverviewSelector {
    constructor(private readonly db: Db) {}

    /** Partner accounts (all, or the given ones), by name. */
    partners(ids: string[] | null): Array<PartnerAccountRow & { name: string }> {
        const filter = ids ? ` AND id IN (${ids.map(() => '?').join(', ')})` : '';
        return this.db
            .prepare(
                `SELECT id, name, partner_tier, lead_claim_limit, daily_claim_limit FROM accounts
                 WHERE is_partner = 1${filter} ORDER BY name COLLATE NOCASE, id`
            )
            .all(...(ids ?? [])) as Array<PartnerAccountRow & { name: string }>;
    }

    /** A partner's open deals: their amount and count. */
    openPipeline(partnerId: string): { amount: number; n: number } {
        return this.db
            .prepare(
                `SELECT COALESCE(SUM(amount), 0) AS amount, COUNT(*) AS n FROM opportunities
                 WHERE partner_account_id = ? AND stage_name NOT IN (${CLOSED})`
            )
            .get(partnerId) as { amount: number; n: number };
    }

    /** A partner's deals won between two dates (YYYY-MM-DD, inclusive): their amount and count. */
    wonBetween(partnerId: string, start: string, end: string): { amount: number; n: number } {
        return this.db
            .prepare(
                `SELECT COALESCE(SUM(amount), 0) AS amount, COUNT(*) AS n FROM opportunities
                 WHERE partner_account_id = ? AND stage_name IN (${WON}) AND close_date BETWEEN ? AND ?`
            )
            .get(partnerId, start, end) as { amount: number; n: number };
    }
}
