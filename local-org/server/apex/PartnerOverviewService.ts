import type { PartnerSummary } from 'canal/apex/PartnerOverviewController';
import { loadClaimRules } from '../metadata/claimRules.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';
import { limitsFor } from './LeadClaimRules.js';
import { PartnerActivityService } from './PartnerActivityService.js';
import { PartnerOverviewSelector } from './PartnerOverviewSelector.js';
import { partnerScope } from './PartnerScope.js';
import type { ApexContext } from './registry.js';

// The deployed claim rules (customMetadata/), as the org reads Lead_Claim_Rule__mdt.
const RULES = loadClaimRules();

/** The first and last day (YYYY-MM-DD) of the calendar quarter holding `now` (UTC). */
export function quarterOf(now: Date): { start: string; end: string } {
    const startMonth = Math.floor(now.getUTCMonth() / 3) * 3;
    const day = (month: number, date: number) =>
        new Date(Date.UTC(now.getUTCFullYear(), month, date)).toISOString().slice(0, 10);
    return { start: day(startMonth, 1), end: day(startMonth + 3, 0) };
}

/** The twin of PartnerOverviewService.cls: each partner's claims and pipeline, for vendor staff only. */
export const PartnerOverviewService = {
    getPartners(ctx: ApexContext, partnerAccountId: string | null | undefined): PartnerSummary[] {
        PartnerActivityService.requireChannelManager(ctx);
        const partners = partnerScope(ctx.user, partnerAccountId);
        if (partners !== null && partners.length === 0) return [];
        const selector = new PartnerOverviewSelector(ctx.db);
        const claims = new LeadClaimSelector(ctx.db);
        const now = ctx.clock.now();
        const quarter = quarterOf(now);
        return selector.partners(partners).map((a) => {
            const limits = limitsFor(RULES, a);
            const open = selector.openPipeline(a.id);
            const closedWon = selector.wonBetween(a.id, quarter.start, quarter.end);
            return {
                accountId: a.id,
                name: a.name,
                tier: a.partner_tier,
                openClaims: claims.openClaims(a.id, ctx.claims.closedStatuses()),
                openLimit: limits.openLimit,
                claimsLast24Hours: claims.claimsInLastDay(a.id, now),
                dailyLimit: limits.dailyLimit,
                openPipelineAmount: open.amount,
                openPipelineCount: open.n,
                wonThisQuarterAmount: closedWon.amount,
                wonThisQuarterCount: closedWon.n
            };
        });
    }
};
