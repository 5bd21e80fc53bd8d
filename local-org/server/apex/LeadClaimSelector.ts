import type { LeadPage, LeadRow, QueueSortField, SortDirection } from 'canal/apex/LeadClaimController';
import type { Db } from '../db/database.js';
import type { PartnerAccountRow } from './LeadClaimRules.js';

/** A lead row as stored. */
export interface LeadRecord {
    id: string;
    first_name: string | null;
    last_name: string;
    company: string;
    city: string | null;
    country: string | null;
    status: string;
    owner_id: string;
    partner_account_id: string | null;
    claimed_at: string | null;
    claim_expires_at: string | null;
    claimed_from_queue: string | null;
    is_converted: number;
    created_date: string;
}

/** The lead detail's fields beyond LeadRecord. */
export interface LeadDetailRecord {
    email: string | null;
    converted_opportunity_id: string | null;
    owner_name: string;
    partner_name: string | null;
}

export interface UserRecord {
    id: string;
    username: string;
    first_name: string;
    last_name: string;
    email: string;
    language: 'es' | 'en';
    persona: 'partner_rep' | 'channel_manager' | 'admin' | 'internal';
    account_id: string | null;
    must_change_password: number;
    is_active: number;
}

/** Channel managers and admins: vendor staff who read every partner (Canal_Channel_Manager / Canal_Admin). */
export function isVendorStaff(user: UserRecord): boolean {
    return user.persona === 'channel_manager' || user.persona === 'admin';
}

const SORT_COLUMNS: Record<QueueSortField, string> = {
    createdDate: 'created_date',
    company: 'company COLLATE NOCASE',
    name: "(COALESCE(first_name || ' ', '') || last_name) COLLATE NOCASE"
};

/** Escapes LIKE wildcards so a search term matches literally. */
function likePrefix(term: string): string {
    return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** All reads of the claim service, each limited to what the calling user may see (as WITH USER_MODE is). */
export class LeadClaimSelector {
    constructor(private readonly db: Db) {}

    /** The user's row (UserInfo and the User record in Apex). */
    user(userId: string): UserRecord | undefined {
        return this.db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRecord | undefined;
    }

    /** The partner's Account row with its claim limit overrides. */
    partnerAccount(accountId: string): PartnerAccountRow | undefined {
        return this.db
            .prepare(
                'SELECT id, partner_tier, lead_claim_limit, daily_claim_limit FROM accounts WHERE id = ? AND is_partner = 1'
            )
            .get(accountId) as PartnerAccountRow | undefined;
    }

    /**
     * The claim contract's first lock (lockPartnerAccount in Apex, FOR UPDATE): inside BEGIN IMMEDIATE the whole
     * database is already write-locked, so reading the row is the lock.
     */
    lockPartnerAccount(accountId: string): PartnerAccountRow | undefined {
        return this.partnerAccount(accountId);
    }

    /** The queues the user is a member of (QueueMembership resolves them; here membership is direct). */
    queueIdsOf(userId: string): string[] {
        return (
            this.db.prepare('SELECT queue_id FROM queue_members WHERE user_id = ?').all(userId) as Array<{
                queue_id: string;
            }>
        ).map((r) => r.queue_id);
    }

    isQueue(id: string): boolean {
        return this.db.prepare('SELECT 1 FROM queues WHERE id = ?').get(id) !== undefined;
    }

    defaultQueueId(): string {
        return (this.db.prepare('SELECT id FROM queues WHERE is_default = 1').get() as { id: string }).id;
    }

    /** The lead when the user may see it: owned by them, by a queue they belong to, or any lead for vendor staff. */
    visibleLead(userId: string, leadId: string): LeadRecord | undefined {
        const user = this.user(userId);
        if (!user) return undefined;
        const lead = this.anyLead(leadId);
        if (!lead) return undefined;
        if (isVendorStaff(user)) return lead;
        if (lead.owner_id === userId) return lead;
        return this.queueIdsOf(userId).includes(lead.owner_id) ? lead : undefined;
    }

    /** System-mode probe: only to choose an outcome code, never returned to the caller. */
    anyLead(leadId: string): LeadRecord | undefined {
        return this.db.prepare('SELECT * FROM leads WHERE id = ?').get(leadId) as LeadRecord | undefined;
    }

    /**
     * Open claims of a partner: unconverted leads owned by the partner's users whose status is not closed, however
     * they reached them. System mode on purpose: the limit is per partner, and reps cannot see their colleagues' leads.
     */
    openClaims(partnerAccountId: string, closedStatuses: readonly string[]): number {
        const closed = closedStatuses.length > 0 ? closedStatuses : [''];
        return (
            this.db
                .prepare(
                    // CROSS JOIN keeps the partner's few users as the outer loop, so the count reads the leads_owner
                    // index per user; a plain JOIN let SQLite scan every lead (a claim at 100,000 leads took 10x).
                    `SELECT COUNT(*) AS n FROM users u CROSS JOIN leads l ON l.owner_id = u.id
                     WHERE u.account_id = ? AND l.is_converted = 0 AND l.status NOT IN (${closed.map(() => '?').join(',')})`
                )
                .get(partnerAccountId, ...closed) as { n: number }
        ).n;
    }

    /** Claims made by the partner in the rolling 24 hours before `now` (system mode, as openClaims). */
    claimsInLastDay(partnerAccountId: string, now: Date): number {
        const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
        return (
            this.db
                .prepare(
                    "SELECT COUNT(*) AS n FROM lead_claims WHERE partner_account_id = ? AND action = 'Claimed' AND occurred_at > ?"
                )
                .get(partnerAccountId, since) as { n: number }
        ).n;
    }

    /** One keyset page of the leads waiting in the user's queues. */
    queuePage(
        userId: string,
        options: {
            pageSize: number;
            afterId: string | null;
            searchTerm: string | null;
            sortBy: QueueSortField;
            sortDirection: SortDirection;
        }
    ): LeadRecord[] {
        const queueIds = this.queueIdsOf(userId);
        if (queueIds.length === 0) return [];
        const column = SORT_COLUMNS[options.sortBy];
        const op = options.sortDirection === 'asc' ? '>' : '<';
        const dir = options.sortDirection === 'asc' ? 'ASC' : 'DESC';
        const where = [`owner_id IN (${queueIds.map(() => '?').join(',')})`, 'is_converted = 0'];
        const params: unknown[] = [...queueIds];
        if (options.searchTerm) {
            where.push("(company LIKE ? ESCAPE '\\' OR city LIKE ? ESCAPE '\\')");
            params.push(likePrefix(options.searchTerm), likePrefix(options.searchTerm));
        }
        if (options.afterId) {
            // User mode, as in Apex: a rep must not learn where a lead they cannot see sorts. A cursor that is gone
            // or no longer visible ends the list (the client reloads from the top).
            if (!this.visibleLead(userId, options.afterId)) return [];
            const cursor = this.db
                .prepare(`SELECT ${column} AS v FROM leads WHERE id = ?`)
                .get(options.afterId) as { v: string };
            where.push(`(${column} ${op} ? OR (${column} = ? AND id ${op} ?))`);
            params.push(cursor.v, cursor.v, options.afterId);
        }
        params.push(options.pageSize);
        return this.db
            .prepare(
                `SELECT * FROM leads WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir}, id ${dir} LIMIT ?`
            )
            .all(...params) as LeadRecord[];
    }

    /** One keyset page of the user's own open leads, newest claim first. */
    myLeads(userId: string, pageSize: number, afterId: string | null): LeadRecord[] {
        const sortKey = 'COALESCE(claimed_at, created_date) || id';
        const params: unknown[] = [userId];
        let cursor = '';
        if (afterId) {
            const row = this.db.prepare(`SELECT ${sortKey} AS k FROM leads WHERE id = ?`).get(afterId) as
                { k: string } | undefined;
            if (row) {
                cursor = ` AND ${sortKey} < ?`;
                params.push(row.k);
            }
        }
        params.push(pageSize);
        return this.db
            .prepare(
                `SELECT * FROM leads WHERE owner_id = ? AND is_converted = 0${cursor} ORDER BY ${sortKey} DESC LIMIT ?`
            )
            .all(...params) as LeadRecord[];
    }

    /** Open (non-converted) statuses in their sort order. */
    openStatuses(): string[] {
        return (
            this.db
                .prepare('SELECT value FROM lead_statuses WHERE is_converted = 0 ORDER BY sort_order')
                .all() as Array<{ value: string }>
        ).map((r) => r.value);
    }

    convertedStatus(): string {
        return (
            this.db
                .prepare('SELECT value FROM lead_statuses WHERE is_converted = 1 ORDER BY sort_order LIMIT 1')
                .get() as { value: string }
        ).value;
    }

    expiredClaims(now: Date): LeadRecord[] {
        return this.db
            .prepare(
                'SELECT l.* FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.claim_expires_at IS NOT NULL AND l.claim_expires_at <= ? AND l.is_converted = 0 ORDER BY l.id'
            )
            .all(now.toISOString()) as LeadRecord[];
    }

    /** What the lead's detail page shows beyond its row: e-mail, opportunity, owner and partner names. */
    leadDetail(leadId: string): LeadDetailRecord | undefined {
        return this.db
            .prepare(
                `SELECT l.email, l.converted_opportunity_id, COALESCE(u.first_name || ' ' || u.last_name, q.name) AS owner_name, a.name AS partner_name
                 FROM leads l LEFT JOIN users u ON u.id = l.owner_id LEFT JOIN queues q ON q.id = l.owner_id LEFT JOIN accounts a ON a.id = l.partner_account_id
                 WHERE l.id = ?`
            )
            .get(leadId) as LeadDetailRecord | undefined;
    }

    /** A recently viewed lead's or opportunity's name and owner; undefined when it is gone. */
    recentRecord(type: string, recordId: string): { name: string; owner_id: string } | undefined {
        return (
            type === 'Lead'
                ? this.db.prepare(
                      "SELECT COALESCE(first_name || ' ', '') || last_name AS name, owner_id FROM leads WHERE id = ?"
                  )
                : this.db.prepare('SELECT name, owner_id FROM opportunities WHERE id = ?')
        ).get(recordId) as { name: string; owner_id: string } | undefined;
    }

    /** The user's Recent Items, newest first (RecentlyViewed). */
    recentItems(
        userId: string,
        maxItems: number
    ): Array<{ record_id: string; type: string; last_viewed_date: string }> {
        return this.db
            .prepare(
                'SELECT record_id, type, last_viewed_date FROM recently_viewed WHERE user_id = ? ORDER BY last_viewed_date DESC, rowid DESC LIMIT ?'
            )
            .all(userId, maxItems) as Array<{ record_id: string; type: string; last_viewed_date: string }>;
    }
}

/** Wraps rows as a page: `next` is the last row's id when the page is full. */
export function toPage(rows: LeadRecord[], pageSize: number, toRow: (r: LeadRecord) => LeadRow): LeadPage {
    return {
        leads: rows.map(toRow),
        next: rows.length === pageSize && rows.length > 0 ? rows[rows.length - 1]!.id : null
    };
}
