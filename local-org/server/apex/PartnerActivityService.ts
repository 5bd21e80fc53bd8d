import type { ActivityItem, ActivityKind, ActivityPage } from 'canal/apex/PartnerActivityController';
import { PartnerActivitySelector, type ActivityRow } from './PartnerActivitySelector.js';
import { partnerScope } from './PartnerScope.js';
import type { ApexContext } from './registry.js';
import { ApexError } from './shared/AuraErrors.js';

export const MAX_ACTIVITY_PAGE = 100;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)\|([A-Za-z0-9]{18})$/;

const CLAIM_KINDS: Record<string, ActivityKind> = {
    Claimed: 'CLAIMED',
    Released: 'RELEASED',
    Recalled: 'RECALLED',
    Converted: 'CONVERTED'
};
const DEAL_KINDS: Record<string, ActivityKind> = {
    created: 'DEAL_CREATED',
    StageName: 'STAGE_CHANGED',
    Amount: 'AMOUNT_CHANGED',
    CloseDate: 'CLOSE_DATE_CHANGED'
};

/**
 * The twin of PartnerActivityService.cls: the partner activity feed (claims, partner deals' changes and, in the feed of
 * every partner, lead publications), for vendor staff only. The keyset cursor "occurredAt|id" is honoured only when it
 * names a feed row the caller may see (INVALID_CURSOR otherwise): a position is never derived from an unseen row.
 */
export const PartnerActivityService = {
    /**
     * Channel managers' views are for vendor staff: a partner user (one with a partner account) is NOT_ELIGIBLE,
     * as PartnerActivityService.requireChannelManager answers in the org.
     */
    requireChannelManager(ctx: ApexContext): void {
        if (ctx.user.account_id)
            throw new ApexError('NOT_ELIGIBLE', 403, 'Canal_Activity_Error_Not_Eligible');
    },

    getActivity(
        ctx: ApexContext,
        p: { partnerAccountId?: string | null; cursor?: string | null; pageSize: number }
    ): ActivityPage {
        PartnerActivityService.requireChannelManager(ctx);
        if (p.pageSize < 1 || p.pageSize > MAX_ACTIVITY_PAGE) throw new ApexError('INVALID_REQUEST', 400);
        const match = p.cursor?.match(CURSOR) ?? null;
        if (p.cursor && !match) throw new ApexError('INVALID_REQUEST', 400);
        const partners = partnerScope(ctx.user, p.partnerAccountId);
        const selector = new PartnerActivitySelector(ctx.db);
        const cursor = match ? { occurredAt: match[1]!, id: match[2]! } : null;
        if (cursor && (partners?.length === 0 || !selector.hasRow(partners, cursor.occurredAt, cursor.id)))
            throw new ApexError('INVALID_CURSOR', 400, 'Canal_Outcome_INVALID_CURSOR');
        if (partners !== null && partners.length === 0) return { items: [], nextCursor: null };
        const rows = selector.page(partners, cursor, p.pageSize + 1);
        const page = rows.slice(0, p.pageSize);
        const last = page[page.length - 1];
        return {
            items: page.map(toItem),
            nextCursor: rows.length > p.pageSize && last ? `${last.occurred_at}|${last.id}` : null
        };
    }
};

function toItem(r: ActivityRow): ActivityItem {
    return {
        id: r.id,
        kind:
            r.source === 'publication'
                ? 'PUBLISHED'
                : (r.source === 'claim' ? CLAIM_KINDS : DEAL_KINDS)[r.what]!,
        occurredAt: r.occurred_at,
        partnerAccountId: r.partner_account_id,
        partnerName: r.partner_name,
        userId: r.user_id,
        userName: r.user_name,
        recordId: r.record_id,
        recordName: r.record_name,
        oldValue: r.old_value,
        newValue: r.new_value,
        reason: r.reason,
        leadCount: r.lead_count,
        queueName: r.queue_name,
        source: r.publication_source
    };
}
