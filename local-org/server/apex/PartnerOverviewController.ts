import type { PartnerSummary } from 'canal/apex/PartnerOverviewController';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import { loadClaimRules } from '../metadata/claimRules.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';
import { limitsFor, type PartnerAccountRow } from './LeadClaimRules.js';
import { partnerScope } from './PartnerScope.js';
import { ID_SCHEMA, nullable, type ApexClass } from './registry.js';

// The deployed claim rules (customMetadata/), as the org reads Lead_Claim_Rule__mdt.
const RULES = loadClaimRules();
const inList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const CLOSED = inList(OPPORTUNITY_STAGES.filter((s) => s.closed).map((s) => s.value));
const WON = inList(OPPORTUNITY_STAGES.filter((s) => s.won).map((s) => s.value));

/** The first and last day (YYYY-MM-DD) of the calendar quarter holding `now` (UTC). */
export function quarterOf(now: Date): { start: string; end: string } {
    const startMonth = Math.floor(now.getUTCMonth() / 3) * 3;
    const day = (month: number, date: number) =>
        new Date(Date.UTC(now.getUTCFullYear(), month, date)).toISOString().slice(0, 10);
    return { start: day(startMonth, 1), end: day(startMonth + 3, 0) };
}

/** The local counterpart of PartnerOverviewController.cls (CONTRACT-11): each partner's claims and pipeline. */
export const PartnerOverviewController: ApexClass = {
    getPartners: {
        params: {
            type: 'object',
            properties: { partnerAccountId: nullable(ID_SCHEMA) },
            additionalProperties: false
        },
        handler(ctx, p: { partnerAccountId?: string | null }): PartnerSummary[] {
            const partners = partnerScope(ctx.user, p.partnerAccountId);
            if (partners !== null && partners.length === 0) return [];
            const filter = partners ? ` AND id IN (${partners.map(() => '?').join(', ')})` : '';
            const accounts = ctx.db
                .prepare(
                    `SELECT id, name, partner_tier, lead_claim_limit, daily_claim_limit FROM accounts
                     WHERE is_partner = 1${filter} ORDER BY name COLLATE NOCASE, id`
                )
                .all(...(partners ?? [])) as Array<PartnerAccountRow & { name: string }>;
            const selector = new LeadClaimSelector(ctx.db);
            const now = ctx.clock.now();
            const quarter = quarterOf(now);
            const pipeline = ctx.db.prepare(
                `SELECT COALESCE(SUM(amount), 0) AS amount, COUNT(*) AS n FROM opportunities
                 WHERE partner_account_id = ? AND stage_name NOT IN (${CLOSED})`
            );
            const won = ctx.db.prepare(
                `SELECT COALESCE(SUM(amount), 0) AS amount, COUNT(*) AS n FROM opportunities
                 WHERE partner_account_id = ? AND stage_name IN (${WON}) AND close_date BETWEEN ? AND ?`
            );
            return accounts.map((a) => {
                const limits = limitsFor(RULES, a);
                const open = pipeline.get(a.id) as { amount: number; n: number };
                const closedWon = won.get(a.id, quarter.start, quarter.end) as { amount: number; n: number };
                return {
                    accountId: a.id,
                    name: a.name,
                    tier: a.partner_tier,
                    openClaims: selector.openClaims(a.id, ctx.claims.closedStatuses()),
                    openLimit: limits.openLimit,
                    claimsLast24Hours: selector.claimsInLastDay(a.id, now),
                    dailyLimit: limits.dailyLimit,
                    openPipelineAmount: open.amount,
                    openPipelineCount: open.n,
                    wonThisQuarterAmount: closedWon.amount,
                    wonThisQuarterCount: closedWon.n
                };
            });
        }
    }
};
