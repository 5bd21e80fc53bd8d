import type { HistoryEntry } from 'canal/apex/RecordHistoryController';
import { isIdOf, normalizeId } from '../ids.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';
import { isVendorStaff } from './LeadClaimSelector.js';
import { ApexError, type ApexClass, type ApexContext } from './registry.js';

const translations = readStatusTranslations();
/** The Spanish labels of picklist values, by tracked field. */
const PICKLISTS: Record<string, Record<string, string>> = {
    Status: translations.LeadStatus ?? {},
    StageName: translations.OpportunityStage ?? {}
};

interface HistoryRow {
    id: string;
    kind: 'FIELD' | 'CLAIM_AUDIT';
    field: string;
    old_value: string | null;
    new_value: string | null;
    occurred_at: string;
    user_name: string | null;
}

function labelOf(ctx: ApexContext, name: string): string {
    return ctx.labels[ctx.user.language][name] ?? name;
}

/** A user's or a queue's name for an owner id, as LeadHistory's name rows give it. */
function ownerName(ctx: ApexContext, id: string | null): string | null {
    if (!id) return null;
    const row = ctx.db
        .prepare(
            "SELECT COALESCE((SELECT first_name || ' ' || last_name FROM users WHERE id = ?), (SELECT name FROM queues WHERE id = ?)) AS name"
        )
        .get(id, id) as { name: string | null };
    return row.name ?? id;
}

function displayValue(ctx: ApexContext, field: string, value: string | null): string | null {
    if (value === null) return null;
    if (field === 'Owner') return ownerName(ctx, value);
    if (ctx.user.language === 'es' && PICKLISTS[field]) return PICKLISTS[field][value] ?? value;
    return value;
}

/** The opportunity when the user may see it (vendor staff: all; a partner user: its own or its partner's). */
function visibleOpportunity(ctx: ApexContext, id: string): { id: string } | undefined {
    if (isVendorStaff(ctx.user))
        return ctx.db.prepare('SELECT id FROM opportunities WHERE id = ?').get(id) as
            { id: string } | undefined;
    return ctx.db
        .prepare('SELECT id FROM opportunities WHERE id = ? AND (owner_id = ? OR partner_account_id = ?)')
        .get(id, ctx.user.id, ctx.user.account_id) as { id: string } | undefined;
}

/** The local counterpart of RecordHistoryController.cls (CONTRACT-11): a lead's or a deal's history. */
export const RecordHistoryController: ApexClass = {
    getHistory: {
        params: {
            type: 'object',
            properties: { recordId: { type: 'string', maxLength: 64 } },
            required: ['recordId'],
            additionalProperties: false
        },
        handler(ctx, p: { recordId: string }): HistoryEntry[] {
            const isLead = isIdOf(p.recordId, 'Lead');
            if (!isLead && !isIdOf(p.recordId, 'Opportunity')) throw new ApexError('INVALID_ID', 400);
            const id = normalizeId(p.recordId)!;
            const visible = isLead
                ? new LeadClaimSelector(ctx.db).visibleLead(ctx.user.id, id)
                : visibleOpportunity(ctx, id);
            // Like a user-mode query: a record the user cannot see does not exist for them.
            if (!visible) throw new ApexError('NOT_FOUND', 404);
            // A partner rep reads its own partner's claim audit only, never a competitor's reasons.
            const audit = isLead
                ? `UNION ALL SELECT c.id, 'CLAIM_AUDIT', c.action, NULL, c.reason, c.occurred_at, c.user_id
                   FROM lead_claims c WHERE c.lead_id = ?${isVendorStaff(ctx.user) ? '' : ' AND c.partner_account_id IS ?'}`
                : '';
            const params: unknown[] = [id];
            if (isLead) params.push(id, ...(isVendorStaff(ctx.user) ? [] : [ctx.user.account_id]));
            const rows = ctx.db
                .prepare(
                    `SELECT e.id, e.kind, e.field, e.old_value, e.new_value, e.occurred_at, u.first_name || ' ' || u.last_name AS user_name
                     FROM (SELECT h.id, 'FIELD' AS kind, h.field, h.old_value, h.new_value, h.occurred_at, h.user_id
                           FROM field_history h WHERE h.record_id = ? ${audit}) e
                     LEFT JOIN users u ON u.id = e.user_id
                     ORDER BY e.occurred_at DESC, e.id DESC`
                )
                .all(...params) as HistoryRow[];
            return rows.map((r) => ({
                id: r.id,
                occurredAt: r.occurred_at,
                field: r.field,
                fieldLabel: labelOf(
                    ctx,
                    r.kind === 'FIELD'
                        ? `Canal_Activity_Field_${r.field === 'created' ? 'Created' : r.field}`
                        : `Canal_Activity_Action_${r.field}`
                ),
                oldValue: r.kind === 'FIELD' ? displayValue(ctx, r.field, r.old_value) : null,
                newValue: r.kind === 'FIELD' ? displayValue(ctx, r.field, r.new_value) : r.new_value,
                userName: r.user_name,
                kind: r.kind
            }));
        }
    }
};
