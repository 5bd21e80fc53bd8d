import type { HistoryEntry } from 'canal/apex/RecordHistoryController';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { isVendorStaff } from './LeadClaimSelector.js';
import { RecordHistorySelector, type HistoryRow } from './RecordHistorySelector.js';
import type { ApexContext } from './registry.js';
import { ApexError } from './shared/AuraErrors.js';
import { RecordIds } from './shared/RecordIds.js';

const translations = readStatusTranslations();
/** The Spanish labels of picklist values, by tracked field. */
const PICKLISTS: Record<string, Record<string, string>> = {
    Status: translations.LeadStatus ?? {},
    StageName: translations.OpportunityStage ?? {}
};

function labelOf(ctx: ApexContext, name: string): string {
    return ctx.labels[ctx.user.language][name] ?? name;
}

/**
 * The twin of RecordHistoryService.cls: a lead's or a deal's history. A partner sees its own tenure only: a change
 * made by another partner's user reads as "another partner" (Canal_History_Another_Partner), with no user name,
 * and an owner value naming another partner's user reads the same. Vendor staff read every name.
 */
export const RecordHistoryService = {
    getHistory(ctx: ApexContext, recordId: string): HistoryEntry[] {
        const leadId = RecordIds.of(recordId, 'Lead');
        const id = leadId ?? RecordIds.of(recordId, 'Opportunity');
        if (!id) throw new ApexError('INVALID_ID', 400);
        const selector = new RecordHistorySelector(ctx.db);
        const visible = leadId ? selector.canSeeLead(ctx.user, id) : selector.canSeeOpportunity(ctx.user, id);
        // Like a user-mode query: a record the user cannot see does not exist for them.
        if (!visible) throw new ApexError('NOT_FOUND', 404);
        const staff = isVendorStaff(ctx.user);
        const anotherPartner = labelOf(ctx, 'Canal_History_Another_Partner');
        const foreign = (accountId: string | null) =>
            !staff && accountId !== null && accountId !== ctx.user.account_id;
        const display = (r: HistoryRow, value: string | null): string | null => {
            if (value === null) return null;
            if (r.field === 'Owner') {
                const owner = selector.ownerName(value);
                return foreign(owner.account_id) ? anotherPartner : (owner.name ?? value);
            }
            if (ctx.user.language === 'es' && PICKLISTS[r.field]) return PICKLISTS[r.field]![value] ?? value;
            return value;
        };
        return selector.history(ctx.user, id, !!leadId).map((r) => ({
            id: r.id,
            occurredAt: r.occurred_at,
            field: r.field,
            fieldLabel: labelOf(
                ctx,
                r.kind === 'FIELD'
                    ? `Canal_Activity_Field_${r.field === 'created' ? 'Created' : r.field}`
                    : `Canal_Activity_Action_${r.field}`
            ),
            oldValue: r.kind === 'FIELD' ? display(r, r.old_value) : null,
            newValue: r.kind === 'FIELD' ? display(r, r.new_value) : r.new_value,
            userName: foreign(r.user_account_id) ? anotherPartner : r.user_name,
            kind: r.kind
        }));
    }
};
