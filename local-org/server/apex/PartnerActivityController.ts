import type { ActivityItem, ActivityKind, ActivityPage } from 'canal/apex/PartnerActivityController';
import { ID_SCHEMA, ApexError, nullable, type ApexClass } from './registry.js';
import { partnerScope } from './PartnerScope.js';

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

interface ActivityRow {
    id: string;
    source: 'claim' | 'deal';
    what: string;
    occurred_at: string;
    partner_account_id: string | null;
    partner_name: string | null;
    user_id: string | null;
    user_name: string | null;
    record_id: string;
    record_name: string | null;
    old_value: string | null;
    new_value: string | null;
    reason: string | null;
}

// The claim audit (Lead_Claim__c) and the partner deals' tracked history (OpportunityFieldHistory), as one feed.
const FEED = `SELECT c.id, 'claim' AS source, c.action AS what, c.occurred_at, c.partner_account_id, c.user_id,
        c.lead_id AS record_id, NULL AS old_value, NULL AS new_value, c.reason
    FROM lead_claims c
    UNION ALL
    SELECT h.id, 'deal', h.field, h.occurred_at, o.partner_account_id, h.user_id, h.record_id, h.old_value, h.new_value, NULL
    FROM field_history h JOIN opportunities o ON o.id = h.record_id
    WHERE h.sobject = 'Opportunity' AND h.field IN (${Object.keys(DEAL_KINDS)
        .map((f) => `'${f}'`)
        .join(', ')}) AND o.partner_account_id IS NOT NULL`;

/** The local counterpart of PartnerActivityController.cls (CONTRACT-11): the partner activity feed. */
export const PartnerActivityController: ApexClass = {
    getActivity: {
        params: {
            type: 'object',
            properties: {
                partnerAccountId: nullable(ID_SCHEMA),
                cursor: nullable({ type: 'string', maxLength: 64 }),
                pageSize: { type: 'integer' }
            },
            required: ['pageSize'],
            additionalProperties: false
        },
        handler(
            ctx,
            p: { partnerAccountId?: string | null; cursor?: string | null; pageSize: number }
        ): ActivityPage {
            if (p.pageSize < 1 || p.pageSize > MAX_ACTIVITY_PAGE) throw new ApexError('INVALID_REQUEST', 400);
            const cursor = p.cursor ? CURSOR.exec(p.cursor) : null;
            if (p.cursor && !cursor) throw new ApexError('INVALID_REQUEST', 400);
            const partners = partnerScope(ctx.user, p.partnerAccountId);
            if (partners !== null && partners.length === 0) return { items: [], nextCursor: null };
            const where: string[] = [];
            const params: unknown[] = [];
            if (partners) {
                where.push(`a.partner_account_id IN (${partners.map(() => '?').join(', ')})`);
                params.push(...partners);
            }
            if (cursor) {
                where.push('(a.occurred_at < ? OR (a.occurred_at = ? AND a.id < ?))');
                params.push(cursor[1], cursor[1], cursor[2]);
            }
            const rows = ctx.db
                .prepare(
                    `SELECT a.*, p.name AS partner_name, u.first_name || ' ' || u.last_name AS user_name,
                        COALESCE(o.name, TRIM(COALESCE(l.first_name, '') || ' ' || l.last_name)) AS record_name
                     FROM (${FEED}) a
                     LEFT JOIN accounts p ON p.id = a.partner_account_id
                     LEFT JOIN users u ON u.id = a.user_id
                     LEFT JOIN leads l ON l.id = a.record_id
                     LEFT JOIN opportunities o ON o.id = a.record_id
                     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                     ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?`
                )
                .all(...params, p.pageSize + 1) as ActivityRow[];
            const page = rows.slice(0, p.pageSize);
            const last = page[page.length - 1];
            return {
                items: page.map(toItem),
                nextCursor: rows.length > p.pageSize && last ? `${last.occurred_at}|${last.id}` : null
            };
        }
    }
};

function toItem(r: ActivityRow): ActivityItem {
    return {
        id: r.id,
        kind: (r.source === 'claim' ? CLAIM_KINDS : DEAL_KINDS)[r.what]!,
        occurredAt: r.occurred_at,
        partnerAccountId: r.partner_account_id,
        partnerName: r.partner_name,
        userId: r.user_id,
        userName: r.user_name,
        recordId: r.record_id,
        recordName: r.record_name,
        oldValue: r.old_value,
        newValue: r.new_value,
        reason: r.reason
    };
}
