import type {
    ClosingDeal,
    ExpiringLead,
    PipelineStage,
    QueueSummary
} from 'canal/apex/PartnerHomeController';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';
import { PartnerHomeSelector } from './PartnerHomeSelector.js';
import type { ApexContext } from './registry.js';

/** How far ahead the hold-time card looks. */
export const EXPIRING_WITHIN_HOURS = 24;
/** Rows the expiring and closing cards show at most. */
export const MAX_CARD_ROWS = 10;
/** The org's corporate currency here (the demo opportunities are in euros). */
const CORPORATE_CURRENCY = 'EUR';

const stageTranslations = readStatusTranslations().OpportunityStage ?? {};
const OPEN_STAGES = OPPORTUNITY_STAGES.filter((s) => !s.closed).map((s) => s.value as string);

function stageLabel(ctx: ApexContext, stage: string): string {
    return ctx.user.language === 'es' ? (stageTranslations[stage] ?? stage) : stage;
}

/** The twin of PartnerHomeService.cls: the Home cards, each read as the calling user. */
export const PartnerHomeService = {
    getQueueSummary(ctx: ApexContext): QueueSummary {
        const queueIds = new LeadClaimSelector(ctx.db).queueIdsOf(ctx.user.id);
        return { waiting: new PartnerHomeSelector(ctx.db).waitingIn(queueIds) };
    },

    getExpiringLeads(ctx: ApexContext): ExpiringLead[] {
        const until = new Date(ctx.clock.now().getTime() + EXPIRING_WITHIN_HOURS * 3_600_000).toISOString();
        return new PartnerHomeSelector(ctx.db).expiringLeads(ctx.user.id, until, MAX_CARD_ROWS).map((r) => ({
            id: r.id,
            name: r.name,
            company: r.company,
            claimExpiresAt: r.claim_expires_at
        }));
    },

    getPipeline(ctx: ApexContext): PipelineStage[] {
        const rows = new PartnerHomeSelector(ctx.db).pipeline(ctx.user.id, OPEN_STAGES);
        const byStage = new Map(rows.map((r) => [r.stage_name, r]));
        // The org's stage order (OpportunityStage.SortOrder), stages without deals left out.
        return OPEN_STAGES.flatMap((stage) => {
            const r = byStage.get(stage);
            return r
                ? [{ stageName: stage, stageLabel: stageLabel(ctx, stage), count: r.n, amount: r.total }]
                : [];
        });
    },

    getClosingDeals(ctx: ApexContext): ClosingDeal[] {
        const month = ctx.clock.now().toISOString().slice(0, 7);
        return new PartnerHomeSelector(ctx.db)
            .closingDeals(ctx.user.id, OPEN_STAGES, month, MAX_CARD_ROWS)
            .map((r) => ({
                id: r.id,
                name: r.name,
                accountName: r.account_name,
                stageLabel: stageLabel(ctx, r.stage_name),
                amount: r.amount,
                currencyIsoCode: r.currency_iso_code || CORPORATE_CURRENCY,
                closeDate: r.close_date
            }));
    }
};
