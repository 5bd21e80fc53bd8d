import type {
    ClosingDeal,
    ExpiringLead,
    PipelineStage,
    QueueSummary
} from 'canal/apex/PartnerHomeController';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';
import { LeadFirstLook } from './LeadFirstLook.js';
import type { ApexClass, ApexContext } from './registry.js';

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

const NO_PARAMS = { type: 'object', properties: {}, additionalProperties: false } as const;
const openStagesSql = OPEN_STAGES.map(() => '?').join(',');

/** The local counterpart of PartnerHomeController.cls: the Home cards, each read as the calling user. */
export const PartnerHomeController: ApexClass = {
    getQueueSummary: {
        params: NO_PARAMS,
        handler(ctx): QueueSummary {
            const queueIds = new LeadClaimSelector(ctx.db).queueIdsOf(ctx.user.id);
            if (queueIds.length === 0) return { waiting: 0 };
            // First look: a published lead counts once the partner's window is open, as the queue lists it.
            const offeredUpTo = new LeadFirstLook(ctx.db, ctx.claims.rules(), ctx.clock).offeredUpTo(
                ctx.user
            );
            const row = ctx.db
                .prepare(
                    `SELECT COUNT(*) AS n FROM leads WHERE is_converted = 0 AND owner_id IN (${queueIds.map(() => '?').join(',')})
                     AND (published_at IS NULL OR published_at <= ?)`
                )
                .get(...queueIds, offeredUpTo) as { n: number };
            return { waiting: row.n };
        }
    },
    getExpiringLeads: {
        params: NO_PARAMS,
        handler(ctx): ExpiringLead[] {
            const until = new Date(
                ctx.clock.now().getTime() + EXPIRING_WITHIN_HOURS * 3_600_000
            ).toISOString();
            const rows = ctx.db
                .prepare(
                    `SELECT id, COALESCE(first_name || ' ', '') || last_name AS name, company, claim_expires_at
                     FROM leads WHERE owner_id = ? AND is_converted = 0 AND claim_expires_at IS NOT NULL AND claim_expires_at <= ?
                     ORDER BY claim_expires_at, id LIMIT ?`
                )
                .all(ctx.user.id, until, MAX_CARD_ROWS) as Array<{
                id: string;
                name: string;
                company: string;
                claim_expires_at: string;
            }>;
            return rows.map((r) => ({
                id: r.id,
                name: r.name,
                company: r.company,
                claimExpiresAt: r.claim_expires_at
            }));
        }
    },
    getPipeline: {
        params: NO_PARAMS,
        handler(ctx): PipelineStage[] {
            const rows = ctx.db
                .prepare(
                    `SELECT stage_name, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM opportunities
                     WHERE owner_id = ? AND stage_name IN (${openStagesSql}) GROUP BY stage_name`
                )
                .all(ctx.user.id, ...OPEN_STAGES) as Array<{ stage_name: string; n: number; total: number }>;
            const byStage = new Map(rows.map((r) => [r.stage_name, r]));
            // The org's stage order (OpportunityStage.SortOrder), stages without deals left out.
            return OPEN_STAGES.flatMap((stage) => {
                const r = byStage.get(stage);
                return r
                    ? [{ stageName: stage, stageLabel: stageLabel(ctx, stage), count: r.n, amount: r.total }]
                    : [];
            });
        }
    },
    getClosingDeals: {
        params: NO_PARAMS,
        handler(ctx): ClosingDeal[] {
            const month = ctx.clock.now().toISOString().slice(0, 7);
            const rows = ctx.db
                .prepare(
                    `SELECT o.id, o.name, a.name AS account_name, o.stage_name, o.amount, o.currency_iso_code, o.close_date
                     FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id
                     WHERE o.owner_id = ? AND o.stage_name IN (${openStagesSql}) AND substr(o.close_date, 1, 7) = ?
                     ORDER BY o.close_date, o.id LIMIT ?`
                )
                .all(ctx.user.id, ...OPEN_STAGES, month, MAX_CARD_ROWS) as Array<{
                id: string;
                name: string;
                account_name: string | null;
                stage_name: string;
                amount: number | null;
                currency_iso_code: string;
                close_date: string;
            }>;
            return rows.map((r) => ({
                id: r.id,
                name: r.name,
                accountName: r.account_name,
                stageLabel: stageLabel(ctx, r.stage_name),
                amount: r.amount,
                currencyIsoCode: r.currency_iso_code || CORPORATE_CURRENCY,
                closeDate: r.close_date
            }));
        }
    }
};
