import { newId, type Db } from '../db/database.js';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import type { ListViewDefinition } from '../metadata/listViews.js';
import { isVendorStaff, type UserRecord } from './LeadClaimSelector.js';

/** The twin of OpportunitySelector.cls: every query of the opportunity pages, limited to what the user may see. */

export type OpportunitySortColumn = 'name' | 'closeDate' | 'amount' | 'stageName';

const SORT_COLUMNS: Record<OpportunitySortColumn, string> = {
    name: 'o.name COLLATE NOCASE',
    closeDate: 'o.close_date',
    amount: 'COALESCE(o.amount, -1)',
    stageName: 'o.stage_name'
};

export interface OpportunityRecord {
    id: string;
    name: string;
    account_id: string | null;
    account_name: string | null;
    partner_account_id: string | null;
    partner_account_name: string | null;
    owner_id: string;
    owner_name: string;
    stage_name: string;
    probability: number | null;
    amount: number | null;
    currency_iso_code: string;
    close_date: string;
    next_step: string | null;
    description: string | null;
}

/** The values a save writes, in column order. */
export interface OpportunityValues {
    name: string;
    accountId: string | null;
    stageName: string;
    probability: number;
    amount: number | null;
    closeDate: string;
    nextStep: string | null;
    description: string | null;
    lastModified: string;
}

interface Clause {
    sql: string;
    params: unknown[];
}

const SELECT = `SELECT o.*, a.name AS account_name, p.name AS partner_account_name, u.first_name || ' ' || u.last_name AS owner_name
    FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id LEFT JOIN accounts p ON p.id = o.partner_account_id JOIN users u ON u.id = o.owner_id`;

export class OpportunitySelector {
    constructor(private readonly db: Db) {}

    /**
     * What the user may see, as sharing does in the org: vendor staff see every deal; a partner user sees the deals
     * of their partner account (the partner sharing the portal sets up).
     */
    visibility(user: UserRecord): Clause {
        if (isVendorStaff(user)) return { sql: '1 = 1', params: [] };
        return { sql: '(o.owner_id = ? OR o.partner_account_id = ?)', params: [user.id, user.account_id] };
    }

    /** One deal the user may see, or undefined (a deal they cannot see does not exist for them). */
    visibleOpportunity(user: UserRecord, id: string): OpportunityRecord | undefined {
        const v = this.visibility(user);
        return this.db.prepare(`${SELECT} WHERE o.id = ? AND ${v.sql}`).get(id, ...v.params) as
            OpportunityRecord | undefined;
    }

    /** The SQL of one list view, built only from its deployed filters and a fixed whitelist of fields and values. */
    listViewClause(user: UserRecord, view: ListViewDefinition, today: Date): Clause {
        const clauses: string[] = [];
        const params: unknown[] = [];
        if (view.filterScope === 'Mine') {
            clauses.push('o.owner_id = ?');
            params.push(user.id);
        }
        const closed = OPPORTUNITY_STAGES.filter((s) => s.closed)
            .map((s) => `'${s.value}'`)
            .join(',');
        const won = OPPORTUNITY_STAGES.filter((s) => s.won)
            .map((s) => `'${s.value}'`)
            .join(',');
        const month = today.toISOString().slice(0, 7);
        const quarterStartMonth = Math.floor(today.getUTCMonth() / 3) * 3;
        const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), quarterStartMonth, 1))
            .toISOString()
            .slice(0, 10);
        const quarterEnd = new Date(Date.UTC(today.getUTCFullYear(), quarterStartMonth + 3, 0))
            .toISOString()
            .slice(0, 10);
        for (const f of view.filters) {
            const key = `${f.field} ${f.operation} ${f.value}`;
            switch (key) {
                case 'OPPORTUNITY.CLOSED equals 0':
                    clauses.push(`o.stage_name NOT IN (${closed})`);
                    break;
                case 'OPPORTUNITY.CLOSED equals 1':
                    clauses.push(`o.stage_name IN (${closed})`);
                    break;
                case 'OPPORTUNITY.WON equals 1':
                    clauses.push(`o.stage_name IN (${won})`);
                    break;
                case 'OPPORTUNITY.CLOSE_DATE equals THIS_MONTH':
                    clauses.push('substr(o.close_date, 1, 7) = ?');
                    params.push(month);
                    break;
                case 'PARTNER_ACCOUNT.NAME notEqual ':
                    clauses.push('o.partner_account_id IS NOT NULL');
                    break;
                case 'OPPORTUNITY.CLOSE_DATE equals THIS_QUARTER':
                    clauses.push('o.close_date BETWEEN ? AND ?');
                    params.push(quarterStart, quarterEnd);
                    break;
                default:
                    throw new Error(`List view ${view.name}: filter ${key} has no local translation`);
            }
        }
        // A list view filter cannot name the user's partner account; OpportunitySelector.cls adds it, and so do we.
        if (view.name === 'Canal_Partner_Opportunities') {
            clauses.push(user.account_id ? 'o.partner_account_id = ?' : 'o.partner_account_id IS NOT NULL');
            if (user.account_id) params.push(user.account_id);
        }
        return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
    }

    /**
     * One keyset page of a list view, sorted by a whitelisted column then Id. The cursor is the id of a deal the
     * caller may see (the service checks it): its sort key is read under the same visibility.
     */
    page(
        user: UserRecord,
        view: ListViewDefinition,
        today: Date,
        options: { sortBy: OpportunitySortColumn; desc: boolean; afterId: string | null; limit: number }
    ): OpportunityRecord[] {
        const column = SORT_COLUMNS[options.sortBy];
        const op = options.desc ? '<' : '>';
        const v = this.visibility(user);
        const lv = this.listViewClause(user, view, today);
        const where = [v.sql, lv.sql];
        const params = [...v.params, ...lv.params];
        if (options.afterId) {
            const cursor = this.db
                .prepare(`SELECT ${column} AS k FROM opportunities o WHERE o.id = ? AND ${v.sql}`)
                .get(options.afterId, ...v.params) as { k: unknown } | undefined;
            if (!cursor) return [];
            where.push(`(${column} ${op} ? OR (${column} = ? AND o.id ${op} ?))`);
            params.push(cursor.k, cursor.k, options.afterId);
        }
        const dir = options.desc ? 'DESC' : 'ASC';
        return this.db
            .prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir}, o.id ${dir} LIMIT ?`)
            .all(...params, options.limit) as OpportunityRecord[];
    }

    /** Customer accounts the user may put on a deal: their partner's customers (vendor staff: every customer). */
    private accountScope(user: UserRecord): Clause {
        if (!user.account_id) return { sql: 'a.is_partner = 0', params: [] };
        return { sql: 'a.is_partner = 0 AND a.partner_account_id = ?', params: [user.account_id] };
    }

    /** Whether the user may put this customer account on a deal. */
    isAccountInScope(user: UserRecord, accountId: string): boolean {
        const scope = this.accountScope(user);
        return !!this.db
            .prepare(`SELECT 1 FROM accounts a WHERE a.id = ? AND ${scope.sql}`)
            .get(accountId, ...scope.params);
    }

    /**
     * The account's deal registration stamp (Deal_Protected_For__c / Deal_Protected_Until__c), read in system mode as
     * OpportunitySelector.protectionOf: the service turns it only into the CUSTOMER_PROTECTED code.
     */
    protectionOf(
        accountId: string
    ): { deal_protected_for: string | null; deal_protected_until: string | null } | undefined {
        return this.db
            .prepare('SELECT deal_protected_for, deal_protected_until FROM accounts WHERE id = ?')
            .get(accountId) as
            { deal_protected_for: string | null; deal_protected_until: string | null } | undefined;
    }

    /** Up to 50 customer accounts in scope whose name contains the term, by name. */
    accountOptions(user: UserRecord, term: string | null): Array<{ id: string; name: string }> {
        const scope = this.accountScope(user);
        const search = term ? " AND a.name LIKE ? ESCAPE '\\'" : '';
        const params = term
            ? [...scope.params, `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]
            : scope.params;
        return this.db
            .prepare(
                `SELECT a.id, a.name FROM accounts a WHERE ${scope.sql}${search} ORDER BY a.name COLLATE NOCASE LIMIT 50`
            )
            .all(...params) as Array<{ id: string; name: string }>;
    }

    update(id: string, v: OpportunityValues): void {
        this.db
            .prepare(
                'UPDATE opportunities SET name = ?, account_id = ?, stage_name = ?, probability = ?, amount = ?, close_date = ?, next_step = ?, description = ?, last_modified_date = ? WHERE id = ?'
            )
            .run(...valuesOf(v), id);
    }

    /** Inserts a deal owned by the user, on the user's partner account; returns its id. */
    insert(user: UserRecord, v: OpportunityValues): string {
        const id = newId(this.db, 'Opportunity');
        this.db
            .prepare(
                `INSERT INTO opportunities (name, account_id, stage_name, probability, amount, close_date, next_step, description, last_modified_date, id, owner_id, partner_account_id, created_date)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
            )
            .run(...valuesOf(v), id, user.id, user.account_id, v.lastModified);
        return id;
    }
}

function valuesOf(v: OpportunityValues): unknown[] {
    return [
        v.name,
        v.accountId,
        v.stageName,
        v.probability,
        v.amount,
        v.closeDate,
        v.nextStep,
        v.description,
        v.lastModified
    ];
}
