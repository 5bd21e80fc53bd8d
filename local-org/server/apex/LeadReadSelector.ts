import type { QueueSortField, SortDirection } from 'canal/apex/LeadClaimController';
import type { Db } from '../db/database.js';
import { LeadClaimSelector, type LeadRecord } from './LeadClaimSelector.js';
import { QueueMembershipSelector } from './QueueMembershipSelector.js';

/** The lead detail's fields beyond LeadRecord. */
export interface LeadDetailRecord {
    email: string | null;
    converted_opportunity_id: string | null;
    owner_name: string;
    partner_name: string | null;
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

/**
 * The twin of LeadReadSelector.cls: the reads of the partner's read model (keyset pages of the queue and of the
 * rep's leads, a lead's detail, Recent Items), each limited to what the user may see, as user mode is.
 */
export class LeadReadSelector {
    private readonly leads: LeadClaimSelector;

    constructor(private readonly db: Db) {
        this.leads = new LeadClaimSelector(db);
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
            /** First look: only leads queued without a publication, or published at or before this instant. */
            offeredUpTo?: string | null;
        }
    ): LeadRecord[] {
        const queueIds = new QueueMembershipSelector(this.db).queueIdsOf(userId);
        if (queueIds.length === 0) return [];
        const column = SORT_COLUMNS[options.sortBy];
        const op = options.sortDirection === 'asc' ? '>' : '<';
        const dir = options.sortDirection === 'asc' ? 'ASC' : 'DESC';
        const where = [`owner_id IN (${queueIds.map(() => '?').join(',')})`, 'is_converted = 0'];
        const params: unknown[] = [...queueIds];
        if (options.offeredUpTo) {
            where.push('(published_at IS NULL OR published_at <= ?)');
            params.push(options.offeredUpTo);
        }
        if (options.searchTerm) {
            where.push("(company LIKE ? ESCAPE '\\' OR city LIKE ? ESCAPE '\\')");
            params.push(likePrefix(options.searchTerm), likePrefix(options.searchTerm));
        }
        if (options.afterId) {
            // User mode, as in Apex: a rep must not learn where a lead they cannot see sorts. A cursor that is gone
            // or no longer visible ends the list (the client reloads from the top).
            if (!this.leads.visibleLead(userId, options.afterId)) return [];
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

    /**
     * One keyset page of the user's own open leads, newest claim first; leads given by other means (no claim time)
     * follow in id order, as LeadReadSelector.cls orders Claimed_At__c DESC NULLS LAST, Id DESC.
     */
    myLeads(userId: string, pageSize: number, afterId: string | null): LeadRecord[] {
        const params: unknown[] = [userId];
        let cursor = '';
        if (afterId) {
            const row = this.db.prepare('SELECT claimed_at AS v FROM leads WHERE id = ?').get(afterId) as
                { v: string | null } | undefined;
            if (row && row.v === null) {
                // Nulls sort last: after a null only the other nulls remain, in id order.
                cursor = ' AND (claimed_at IS NULL AND id < ?)';
                params.push(afterId);
            } else if (row) {
                cursor = ' AND (claimed_at < ? OR (claimed_at = ? AND id < ?) OR claimed_at IS NULL)';
                params.push(row.v, row.v, afterId);
            }
        }
        params.push(pageSize);
        return this.db
            .prepare(
                `SELECT * FROM leads WHERE owner_id = ? AND is_converted = 0${cursor} ORDER BY claimed_at DESC NULLS LAST, id DESC LIMIT ?`
            )
            .all(...params) as LeadRecord[];
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
