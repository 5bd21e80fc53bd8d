import type { Db } from '../db/database.js';

/** A publication as the figures read it. */
export interface PublicationRow {
    id: string;
    name: string;
    source: string | null;
    queue_name: string | null;
    published_at: string;
    published_by: string;
    published_by_name: string | null;
    lead_count: number;
}

/** SQLite caps bound parameters per statement; the list is at most 50 publications anyway. */
const marks = (values: readonly unknown[]) => values.map(() => '?').join(',');

const PUBLICATION = `SELECT p.id, p.name, p.source, q.name AS queue_name, p.published_at, p.published_by,
        u.first_name || ' ' || u.last_name AS published_by_name, p.lead_count
    FROM lead_publications p
    LEFT JOIN queues q ON q.id = p.queue_id
    LEFT JOIN users u ON u.id = p.published_by`;

/**
 * The twin of LeadPublicationFiguresSelector.cls: recent publications, counts grouped in SQL (GROUP BY), and the
 * claim times of one publication, read flat and bounded for the medians.
 */
export class LeadPublicationFiguresSelector {
    /** Claim rows read for the medians of one publication (as MAX_CLAIM_ROWS in Apex). */
    static readonly MAX_CLAIM_ROWS = 10000;

    constructor(private readonly db: Db) {}

    /** The newest publications, newest first. */
    recentPublications(rowLimit: number): PublicationRow[] {
        return this.db
            .prepare(`${PUBLICATION} ORDER BY p.published_at DESC, p.id DESC LIMIT ?`)
            .all(rowLimit) as PublicationRow[];
    }

    /** One publication, or undefined. */
    publication(publicationId: string): PublicationRow | undefined {
        return this.db.prepare(`${PUBLICATION} WHERE p.id = ?`).get(publicationId) as
            PublicationRow | undefined;
    }

    /** By publication: [offered, still open (owned by a queue, not converted)]. */
    leadCounts(publicationIds: readonly string[]): Map<string, [number, number]> {
        const result = new Map<string, [number, number]>(publicationIds.map((id) => [id, [0, 0]]));
        if (publicationIds.length === 0) return result;
        const rows = this.db
            .prepare(
                `SELECT publication_id,
                        COUNT(*) AS total,
                        SUM(CASE WHEN is_converted = 0 AND owner_id IN (SELECT id FROM queues) THEN 1 ELSE 0 END) AS open
                 FROM leads WHERE publication_id IN (${marks(publicationIds)}) GROUP BY publication_id`
            )
            .all(...publicationIds) as Array<{ publication_id: string; total: number; open: number }>;
        for (const row of rows) result.set(row.publication_id, [row.total, row.open]);
        return result;
    }

    /** Distinct leads of each publication with a Claimed audit row (a publication with none is missing). */
    claimedLeadCounts(publicationIds: readonly string[]): Map<string, number> {
        if (publicationIds.length === 0) return new Map();
        const rows = this.db
            .prepare(
                `SELECT l.publication_id, COUNT(DISTINCT c.lead_id) AS total
                 FROM lead_claims c JOIN leads l ON l.id = c.lead_id
                 WHERE c.action = 'Claimed' AND l.publication_id IN (${marks(publicationIds)})
                 GROUP BY l.publication_id`
            )
            .all(...publicationIds) as Array<{ publication_id: string; total: number }>;
        return new Map(rows.map((r) => [r.publication_id, r.total]));
    }

    /** The claims of a publication's leads per partner: how many, and the first one's time. */
    claimsByPartner(
        publicationId: string
    ): Array<{ partner_id: string | null; total: number; first_at: string | null }> {
        return this.db
            .prepare(
                `SELECT c.partner_account_id AS partner_id, COUNT(*) AS total, MIN(c.occurred_at) AS first_at
                 FROM lead_claims c JOIN leads l ON l.id = c.lead_id
                 WHERE c.action = 'Claimed' AND l.publication_id = ?
                 GROUP BY c.partner_account_id`
            )
            .all(publicationId) as Array<{
            partner_id: string | null;
            total: number;
            first_at: string | null;
        }>;
    }

    /** The time of every claim of a publication's leads, earliest first (for the medians). */
    claimTimes(publicationId: string): Array<{ partner_account_id: string | null; occurred_at: string }> {
        return this.db
            .prepare(
                `SELECT c.partner_account_id, c.occurred_at
                 FROM lead_claims c JOIN leads l ON l.id = c.lead_id
                 WHERE c.action = 'Claimed' AND l.publication_id = ? AND c.occurred_at IS NOT NULL
                 ORDER BY c.occurred_at, c.id LIMIT ?`
            )
            .all(publicationId, LeadPublicationFiguresSelector.MAX_CLAIM_ROWS) as Array<{
            partner_account_id: string | null;
            occurred_at: string;
        }>;
    }

    /** The partner accounts named by the claims: their names and tiers. */
    partners(
        partnerIds: readonly string[]
    ): Array<{ id: string; name: string; partner_tier: string | null }> {
        if (partnerIds.length === 0) return [];
        return this.db
            .prepare(
                `SELECT id, name, partner_tier FROM accounts WHERE id IN (${marks(partnerIds)}) ORDER BY name, id`
            )
            .all(...partnerIds) as Array<{ id: string; name: string; partner_tier: string | null }>;
    }
}
