import type { Db } from '../db/database.js';

/** One feed row: a claim audit row, a partner deal's tracked change or a lead publication. */
export interface ActivityRow {
    id: string;
    source: 'claim' | 'deal' | 'publication';
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
    /** Publications: how many leads, to which queue, from which event or campaign. */
    lead_count: number | null;
    queue_name: string | null;
    publication_source: string | null;
}

const DEAL_FIELDS = ['created', 'StageName', 'Amount', 'CloseDate'];

// The claim audit (Lead_Claim__c), the partner deals' tracked history (OpportunityFieldHistory) and the lead
// publications (Lead_Publication__c, of no partner: only in the feed of every partner), as one feed.
const FEED = `SELECT c.id, 'claim' AS source, c.action AS what, c.occurred_at, c.partner_account_id, c.user_id,
        c.lead_id AS record_id, NULL AS old_value, NULL AS new_value, c.reason,
        NULL AS lead_count, NULL AS queue_name, NULL AS publication_source
    FROM lead_claims c
    UNION ALL
    SELECT h.id, 'deal', h.field, h.occurred_at, o.partner_account_id, h.user_id, h.record_id, h.old_value, h.new_value, NULL,
        NULL, NULL, NULL
    FROM field_history h JOIN opportunities o ON o.id = h.record_id
    WHERE h.sobject = 'Opportunity' AND h.field IN (${DEAL_FIELDS.map((f) => `'${f}'`).join(
        ', '
    )}) AND o.partner_account_id IS NOT NULL
    UNION ALL
    SELECT p.id, 'publication', 'Published', p.published_at, NULL, p.published_by, p.id, NULL, NULL, NULL,
        p.lead_count, q.name, p.source
    FROM lead_publications p LEFT JOIN queues q ON q.id = p.queue_id`;

/** The twin of PartnerActivitySelector.cls: the activity feed, newest first, by keyset. */
export class PartnerActivitySelector {
    constructor(private readonly db: Db) {}

    /** Whether the cursor row (its time and id) is a feed row of the given partners (null: any partner). */
    hasRow(partners: string[] | null, occurredAt: string, id: string): boolean {
        const where = ['a.id = ?', 'a.occurred_at = ?'];
        const params: unknown[] = [id, occurredAt];
        if (partners) {
            where.push(`a.partner_account_id IN (${partners.map(() => '?').join(', ')})`);
            params.push(...partners);
        }
        return !!this.db.prepare(`SELECT 1 FROM (${FEED}) a WHERE ${where.join(' AND ')}`).get(...params);
    }

    /** Up to `limit` rows of the given partners (null: all) strictly after the cursor, newest first. */
    page(
        partners: string[] | null,
        cursor: { occurredAt: string; id: string } | null,
        limit: number
    ): ActivityRow[] {
        const where: string[] = [];
        const params: unknown[] = [];
        if (partners) {
            where.push(`a.partner_account_id IN (${partners.map(() => '?').join(', ')})`);
            params.push(...partners);
        }
        if (cursor) {
            where.push('(a.occurred_at < ? OR (a.occurred_at = ? AND a.id < ?))');
            params.push(cursor.occurredAt, cursor.occurredAt, cursor.id);
        }
        return this.db
            .prepare(
                `SELECT a.*, p.name AS partner_name, u.first_name || ' ' || u.last_name AS user_name,
                    COALESCE(o.name, TRIM(COALESCE(l.first_name, '') || ' ' || l.last_name), pub.name) AS record_name
                 FROM (${FEED}) a
                 LEFT JOIN accounts p ON p.id = a.partner_account_id
                 LEFT JOIN users u ON u.id = a.user_id
                 LEFT JOIN leads l ON l.id = a.record_id
                 LEFT JOIN opportunities o ON o.id = a.record_id
                 LEFT JOIN lead_publications pub ON pub.id = a.record_id
                 ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?`
            )
            .all(...params, limit) as ActivityRow[];
    }
}
