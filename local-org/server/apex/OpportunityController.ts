import type {
    AccountOption,
    ListViewName,
    ListViewOption,
    OpportunityDetail,
    OpportunityInput,
    OpportunityPage,
    OpportunityRow,
    OpportunitySortField,
    SaveResult,
    SortDirection,
    StageOption
} from 'canal/apex/OpportunityController';
import { newId } from '../db/database.js';
import { isVendorStaff } from './LeadClaimSelector.js';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import { isIdOf, normalizeId } from '../ids.js';
import type { Language } from '../metadata/labels.js';
import { loadListViews, type ListViewDefinition } from '../metadata/listViews.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { ApexError, ID_SCHEMA, nullable, type ApexClass, type ApexContext } from './registry.js';

const stageTranslations = readStatusTranslations().OpportunityStage ?? {};
const LIST_VIEWS = loadListViews('Opportunity', 'Canal_');
/** The picker's order and labels, as OpportunityService gives them. */
const LIST_VIEW_ORDER: Array<[ListViewName, string]> = [
    ['Canal_My_Opportunities', 'Canal_Opp_View_My'],
    ['Canal_Partner_Opportunities', 'Canal_Opp_View_Partner'],
    ['Canal_Closing_This_Month', 'Canal_Opp_View_Closing_This_Month'],
    ['Canal_Open_Pipeline', 'Canal_Opp_View_Open_Pipeline'],
    ['Canal_Won_This_Quarter', 'Canal_Opp_View_Won_This_Quarter']
];
const MAX_AMOUNT = 1e12;
const SORT_COLUMNS: Record<OpportunitySortField, string> = {
    name: 'o.name COLLATE NOCASE',
    closeDate: 'o.close_date',
    amount: 'COALESCE(o.amount, -1)',
    stageName: 'o.stage_name'
};

interface OpportunityRecord {
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

const SELECT = `SELECT o.*, a.name AS account_name, p.name AS partner_account_name, u.first_name || ' ' || u.last_name AS owner_name
    FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id LEFT JOIN accounts p ON p.id = o.partner_account_id JOIN users u ON u.id = o.owner_id`;

function label(ctx: ApexContext, name: string): string {
    return ctx.labels[ctx.user.language][name] ?? name;
}

function stageLabel(language: Language, stage: string): string {
    return language === 'es' ? (stageTranslations[stage] ?? stage) : stage;
}

/**
 * What the user may see, as sharing does in the org: vendor staff see every deal; a partner user sees the deals
 * of their partner account (the partner sharing the portal sets up) and edits only the ones they own.
 */
function visibility(ctx: ApexContext): { sql: string; params: unknown[] } {
    if (isVendorStaff(ctx.user)) return { sql: '1 = 1', params: [] };
    return {
        sql: '(o.owner_id = ? OR o.partner_account_id = ?)',
        params: [ctx.user.id, ctx.user.account_id]
    };
}

/** The SQL of one list view, built only from its deployed filters and a fixed whitelist of fields and values. */
function listViewSql(ctx: ApexContext, view: ListViewDefinition): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (view.filterScope === 'Mine') {
        clauses.push('o.owner_id = ?');
        params.push(ctx.user.id);
    }
    const closed = OPPORTUNITY_STAGES.filter((s) => s.closed)
        .map((s) => `'${s.value}'`)
        .join(',');
    const won = OPPORTUNITY_STAGES.filter((s) => s.won)
        .map((s) => `'${s.value}'`)
        .join(',');
    const today = ctx.clock.now();
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
    // A list view filter cannot name the user's partner account; OpportunitySelector adds it, and so do we.
    if (view.name === 'Canal_Partner_Opportunities') {
        clauses.push(ctx.user.account_id ? 'o.partner_account_id = ?' : 'o.partner_account_id IS NOT NULL');
        if (ctx.user.account_id) params.push(ctx.user.account_id);
    }
    return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
}

function toRow(ctx: ApexContext, r: OpportunityRecord): OpportunityRow {
    return {
        id: r.id,
        name: r.name,
        accountId: r.account_id,
        accountName: r.account_name,
        stageName: r.stage_name,
        stageLabel: stageLabel(ctx.user.language, r.stage_name),
        amount: r.amount,
        currencyIsoCode: r.currency_iso_code,
        closeDate: r.close_date,
        ownerName: r.owner_name,
        probability: r.probability
    };
}

function visibleOpportunity(ctx: ApexContext, id: string): OpportunityRecord | undefined {
    const v = visibility(ctx);
    return ctx.db.prepare(`${SELECT} WHERE o.id = ? AND ${v.sql}`).get(id, ...v.params) as
        OpportunityRecord | undefined;
}

/** Customer accounts the user may put on a deal: their partner's customers (vendor staff: every customer). */
function accountScope(ctx: ApexContext): { sql: string; params: unknown[] } {
    if (!ctx.user.account_id) return { sql: 'a.is_partner = 0', params: [] };
    return { sql: 'a.is_partner = 0 AND a.partner_account_id = ?', params: [ctx.user.account_id] };
}

function isIsoDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function validate(ctx: ApexContext, input: OpportunityInput): Record<string, string> {
    const errors: Record<string, string> = {};
    const name = (input.name ?? '').trim();
    if (!name) errors.name = label(ctx, 'Canal_Opp_Error_Name_Required');
    else if (name.length > 120) errors.name = label(ctx, 'Canal_Opp_Error_Name_Too_Long');
    if (!input.accountId) {
        errors.accountId = label(ctx, 'Canal_Opp_Error_Account_Required');
    } else {
        const scope = accountScope(ctx);
        const visible =
            isIdOf(input.accountId, 'Account') &&
            ctx.db
                .prepare(`SELECT 1 FROM accounts a WHERE a.id = ? AND ${scope.sql}`)
                .get(normalizeId(input.accountId), ...scope.params);
        if (!visible) errors.accountId = label(ctx, 'Canal_Opp_Error_Account_Not_Visible');
    }
    if (!input.stageName || !OPPORTUNITY_STAGES.some((s) => s.value === input.stageName))
        errors.stageName = label(ctx, 'Canal_Opp_Error_Stage_Invalid');
    if (!input.closeDate || !input.closeDate.trim())
        errors.closeDate = label(ctx, 'Canal_Opp_Error_Close_Date_Required');
    else if (!isIsoDate(input.closeDate.trim()))
        errors.closeDate = label(ctx, 'Canal_Opp_Error_Close_Date_Invalid');
    if (
        input.amount !== null &&
        input.amount !== undefined &&
        (input.amount < 0 || input.amount >= MAX_AMOUNT)
    ) {
        errors.amount = label(ctx, 'Canal_Opp_Error_Amount_Range');
    }
    if (input.nextStep && input.nextStep.trim().length > 255)
        errors.nextStep = label(ctx, 'Canal_Opp_Error_Next_Step_Too_Long');
    if (input.description && input.description.length > 32000)
        errors.description = label(ctx, 'Canal_Opp_Error_Description_Too_Long');
    return errors;
}

function result(
    ctx: ApexContext,
    code: SaveResult['code'],
    recordId: string | null,
    fieldErrors: Record<string, string> = {}
): SaveResult {
    return { code, message: label(ctx, `Canal_Opp_Outcome_${code}`), recordId, fieldErrors };
}

const INPUT_SCHEMA = {
    type: 'object',
    properties: {
        id: nullable(ID_SCHEMA),
        name: { type: 'string', maxLength: 1000 },
        accountId: { type: 'string', maxLength: 64 },
        stageName: { type: 'string', maxLength: 255 },
        amount: nullable({ type: 'number' }),
        closeDate: { type: 'string', maxLength: 32 },
        nextStep: nullable({ type: 'string', maxLength: 1000 }),
        description: nullable({ type: 'string', maxLength: 40000 })
    },
    required: ['id', 'name', 'accountId', 'stageName', 'closeDate'],
    additionalProperties: false
};

/** The local counterpart of OpportunityController.cls: same methods, parameters, results and save rules. */
export const OpportunityController: ApexClass = {
    getListViews: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler(ctx): ListViewOption[] {
            return LIST_VIEW_ORDER.filter(([name]) => LIST_VIEWS.some((v) => v.name === name)).map(
                ([name, labelName]) => ({ name, label: label(ctx, labelName) })
            );
        }
    },
    getOpportunities: {
        params: {
            type: 'object',
            properties: {
                listView: { type: 'string', enum: LIST_VIEW_ORDER.map(([n]) => n) },
                pageSize: { type: 'integer' },
                afterId: nullable(ID_SCHEMA),
                sortBy: nullable({ type: 'string', enum: ['name', 'closeDate', 'amount', 'stageName'] }),
                sortDirection: nullable({ type: 'string', enum: ['asc', 'desc'] })
            },
            required: ['listView', 'pageSize'],
            additionalProperties: false
        },
        handler(
            ctx,
            p: {
                listView: ListViewName;
                pageSize: number;
                afterId?: string | null;
                sortBy?: OpportunitySortField | null;
                sortDirection?: SortDirection | null;
            }
        ): OpportunityPage {
            const view = LIST_VIEWS.find((v) => v.name === p.listView)!;
            const pageSize = Math.min(200, Math.max(1, Math.trunc(p.pageSize)));
            const column = SORT_COLUMNS[p.sortBy ?? 'closeDate'];
            const desc = p.sortDirection === 'desc';
            const op = desc ? '<' : '>';
            const v = visibility(ctx);
            const lv = listViewSql(ctx, view);
            const where = [v.sql, lv.sql];
            const params = [...v.params, ...lv.params];
            if (p.afterId) {
                const cursor = ctx.db
                    .prepare(`SELECT ${column} AS k FROM opportunities o WHERE o.id = ?`)
                    .get(p.afterId) as { k: unknown } | undefined;
                if (cursor) {
                    where.push(`(${column} ${op} ? OR (${column} = ? AND o.id ${op} ?))`);
                    params.push(cursor.k, cursor.k, p.afterId);
                }
            }
            const rows = ctx.db
                .prepare(
                    `${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${column} ${desc ? 'DESC' : 'ASC'}, o.id ${desc ? 'DESC' : 'ASC'} LIMIT ?`
                )
                .all(...params, pageSize + 1) as OpportunityRecord[];
            const page = rows.slice(0, pageSize);
            return {
                rows: page.map((r) => toRow(ctx, r)),
                next: rows.length > pageSize ? page[page.length - 1]!.id : null
            };
        }
    },
    getOpportunity: {
        params: {
            type: 'object',
            properties: { recordId: { type: 'string', maxLength: 64 } },
            required: ['recordId'],
            additionalProperties: false
        },
        handler(ctx, p: { recordId: string }): OpportunityDetail {
            const record = isIdOf(p.recordId, 'Opportunity')
                ? visibleOpportunity(ctx, normalizeId(p.recordId)!)
                : undefined;
            if (!record) throw new ApexError('NOT_FOUND', 404);
            ctx.db
                .prepare(
                    "INSERT INTO recently_viewed (user_id, record_id, type, last_viewed_date) VALUES (?, ?, 'Opportunity', ?) ON CONFLICT(user_id, record_id) DO UPDATE SET last_viewed_date = excluded.last_viewed_date"
                )
                .run(ctx.user.id, record.id, ctx.clock.now().toISOString());
            return {
                ...toRow(ctx, record),
                nextStep: record.next_step,
                description: record.description,
                partnerAccountName: record.partner_account_name,
                canEdit: record.owner_id === ctx.user.id || ctx.user.persona === 'admin'
            };
        }
    },
    getStages: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler(ctx): StageOption[] {
            return OPPORTUNITY_STAGES.map((s) => ({
                value: s.value,
                label: stageLabel(ctx.user.language, s.value),
                probability: s.probability,
                closed: s.closed,
                won: s.won
            }));
        }
    },
    getAccountOptions: {
        params: {
            type: 'object',
            properties: { searchTerm: nullable({ type: 'string', maxLength: 80 }) },
            additionalProperties: false
        },
        handler(ctx, p: { searchTerm?: string | null }): AccountOption[] {
            const scope = accountScope(ctx);
            const term = p.searchTerm?.trim();
            const search = term ? " AND a.name LIKE ? ESCAPE '\\'" : '';
            const params = term
                ? [...scope.params, `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]
                : scope.params;
            return ctx.db
                .prepare(
                    `SELECT a.id, a.name FROM accounts a WHERE ${scope.sql}${search} ORDER BY a.name COLLATE NOCASE LIMIT 50`
                )
                .all(...params) as AccountOption[];
        }
    },
    saveOpportunity: {
        params: {
            type: 'object',
            properties: { input: INPUT_SCHEMA },
            required: ['input'],
            additionalProperties: false
        },
        handler(ctx, p: { input: OpportunityInput }): SaveResult {
            const input = p.input;
            let existing: OpportunityRecord | undefined;
            if (input.id) {
                existing = isIdOf(input.id, 'Opportunity')
                    ? visibleOpportunity(ctx, normalizeId(input.id)!)
                    : undefined;
                if (!existing) return result(ctx, 'NOT_FOUND', input.id);
                if (existing.owner_id !== ctx.user.id && ctx.user.persona !== 'admin')
                    return result(ctx, 'NOT_EDITABLE', existing.id);
            }
            const errors = validate(ctx, input);
            if (Object.keys(errors).length) return result(ctx, 'INVALID', existing?.id ?? null, errors);
            const stage = OPPORTUNITY_STAGES.find((s) => s.value === input.stageName)!;
            const now = ctx.clock.now().toISOString();
            const values = [
                input.name.trim(),
                normalizeId(input.accountId),
                input.stageName,
                stage.probability,
                input.amount ?? null,
                input.closeDate.trim(),
                input.nextStep?.trim() || null,
                input.description || null,
                now
            ];
            if (existing) {
                ctx.db
                    .prepare(
                        'UPDATE opportunities SET name = ?, account_id = ?, stage_name = ?, probability = ?, amount = ?, close_date = ?, next_step = ?, description = ?, last_modified_date = ? WHERE id = ?'
                    )
                    .run(...values, existing.id);
                return result(ctx, 'SAVED', existing.id);
            }
            const id = newId(ctx.db, 'Opportunity');
            ctx.db
                .prepare(
                    `INSERT INTO opportunities (name, account_id, stage_name, probability, amount, close_date, next_step, description, last_modified_date, id, owner_id, partner_account_id, created_date)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
                )
                .run(...values, id, ctx.user.id, ctx.user.account_id, now);
            return result(ctx, 'SAVED', id);
        }
    }
};
