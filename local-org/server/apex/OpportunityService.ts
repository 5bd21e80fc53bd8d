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
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import type { Language } from '../metadata/labels.js';
import { loadListViews } from '../metadata/listViews.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { isVendorStaff } from './LeadClaimSelector.js';
import { OpportunitySelector, type OpportunityRecord } from './OpportunitySelector.js';
import type { ApexContext } from './registry.js';
import { ApexError } from './shared/AuraErrors.js';
import { RecordIds } from './shared/RecordIds.js';
import { LeadClaimWriter } from './LeadClaimWriter.js';
import { dateOf } from './DealRegistrationValidation.js';

/**
 * The twin of OpportunityService.cls: the partner's deals. A partner user reads its partner's deals and edits the
 * ones it owns; vendor staff read every deal and write none here (they work deals in Lightning Experience).
 */

const stageTranslations = readStatusTranslations().OpportunityStage ?? {};
export const LIST_VIEWS = loadListViews('Opportunity', 'Canal_');
/** The picker's order and labels, as OpportunityService.cls gives them. */
export const LIST_VIEW_ORDER: Array<[ListViewName, string]> = [
    ['Canal_My_Opportunities', 'Canal_Opp_View_My'],
    ['Canal_Partner_Opportunities', 'Canal_Opp_View_Partner'],
    ['Canal_Closing_This_Month', 'Canal_Opp_View_Closing_This_Month'],
    ['Canal_Open_Pipeline', 'Canal_Opp_View_Open_Pipeline'],
    ['Canal_Won_This_Quarter', 'Canal_Opp_View_Won_This_Quarter']
];
const MAX_AMOUNT = 1e12;
const MAX_PAGE_SIZE = 200;

function label(ctx: ApexContext, name: string): string {
    return ctx.labels[ctx.user.language][name] ?? name;
}

function stageLabel(language: Language, stage: string): string {
    return language === 'es' ? (stageTranslations[stage] ?? stage) : stage;
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
        const accountId = RecordIds.of(input.accountId, 'Account');
        if (!accountId || !new OpportunitySelector(ctx.db).isAccountInScope(ctx.user, accountId))
            errors.accountId = label(ctx, 'Canal_Opp_Error_Account_Not_Visible');
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

/** The twin of OpportunityService.isProtectedForOtherPartner: the account is stamped for another partner, through today. */
function isProtectedForOtherPartner(ctx: ApexContext, accountId: string): boolean {
    const stamp = new OpportunitySelector(ctx.db).protectionOf(accountId);
    const today = dateOf(ctx.clock.now());
    return (
        !!stamp?.deal_protected_for &&
        stamp.deal_protected_for !== ctx.user.account_id &&
        !!stamp.deal_protected_until &&
        stamp.deal_protected_until >= today
    );
}

export const OpportunityService = {
    getListViews(ctx: ApexContext): ListViewOption[] {
        return LIST_VIEW_ORDER.filter(([name]) => LIST_VIEWS.some((v) => v.name === name)).map(
            ([name, labelName]) => ({
                name,
                label: label(ctx, labelName)
            })
        );
    },

    /**
     * One keyset page of a list view. The cursor is honoured only when its deal is visible to the caller: where an
     * unseen deal sorts (by amount, name, date or stage) is not theirs to know (INVALID_CURSOR).
     */
    getOpportunities(
        ctx: ApexContext,
        p: {
            listView: ListViewName;
            pageSize: number;
            afterId?: string | null;
            sortBy?: OpportunitySortField | null;
            sortDirection?: SortDirection | null;
        }
    ): OpportunityPage {
        const view = LIST_VIEWS.find((v) => v.name === p.listView)!;
        const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(p.pageSize)));
        const selector = new OpportunitySelector(ctx.db);
        let afterId: string | null = null;
        if (p.afterId) {
            afterId = RecordIds.of(p.afterId, 'Opportunity');
            if (!afterId || !selector.visibleOpportunity(ctx.user, afterId))
                throw new ApexError('INVALID_CURSOR', 400, 'Canal_Outcome_INVALID_CURSOR');
        }
        const rows = selector.page(ctx.user, view, ctx.clock.now(), {
            sortBy: p.sortBy ?? 'closeDate',
            desc: p.sortDirection === 'desc',
            afterId,
            limit: pageSize + 1
        });
        const page = rows.slice(0, pageSize);
        return {
            rows: page.map((r) => toRow(ctx, r)),
            next: rows.length > pageSize ? page[page.length - 1]!.id : null
        };
    },

    getOpportunity(ctx: ApexContext, recordId: string): OpportunityDetail {
        const id = RecordIds.of(recordId, 'Opportunity');
        const record = id ? new OpportunitySelector(ctx.db).visibleOpportunity(ctx.user, id) : undefined;
        if (!record) throw new ApexError('NOT_FOUND', 404);
        new LeadClaimWriter(ctx.db).viewRecord(
            ctx.user.id,
            record.id,
            'Opportunity',
            ctx.clock.now().toISOString()
        );
        return {
            ...toRow(ctx, record),
            nextStep: record.next_step,
            description: record.description,
            partnerAccountName: record.partner_account_name,
            canEdit: record.owner_id === ctx.user.id && !isVendorStaff(ctx.user)
        };
    },

    getStages(ctx: ApexContext): StageOption[] {
        return OPPORTUNITY_STAGES.map((s) => ({
            value: s.value,
            label: stageLabel(ctx.user.language, s.value),
            probability: s.probability,
            closed: s.closed,
            won: s.won
        }));
    },

    getAccountOptions(ctx: ApexContext, searchTerm: string | null | undefined): AccountOption[] {
        return new OpportunitySelector(ctx.db).accountOptions(ctx.user, searchTerm?.trim() || null);
    },

    /**
     * Creates a deal (no id) or edits one the user owns. Vendor staff are read-only here: NOT_ELIGIBLE.
     */
    saveOpportunity(ctx: ApexContext, input: OpportunityInput): SaveResult {
        const selector = new OpportunitySelector(ctx.db);
        let existing: OpportunityRecord | undefined;
        if (input.id) {
            const id = RecordIds.of(input.id, 'Opportunity');
            existing = id ? selector.visibleOpportunity(ctx.user, id) : undefined;
            if (!existing) return result(ctx, 'NOT_FOUND', input.id);
        }
        if (isVendorStaff(ctx.user)) return result(ctx, 'NOT_ELIGIBLE', existing?.id ?? null);
        if (existing && existing.owner_id !== ctx.user.id) return result(ctx, 'NOT_EDITABLE', existing.id);
        const errors = validate(ctx, input);
        if (Object.keys(errors).length) return result(ctx, 'INVALID', existing?.id ?? null, errors);
        // Another partner's approved deal registration protects the customer: no new deal of this partner on it.
        if (!existing && isProtectedForOtherPartner(ctx, RecordIds.of(input.accountId, 'Account')!))
            return result(ctx, 'CUSTOMER_PROTECTED', null);
        const stage = OPPORTUNITY_STAGES.find((s) => s.value === input.stageName)!;
        const values = {
            name: input.name.trim(),
            accountId: RecordIds.of(input.accountId, 'Account'),
            stageName: input.stageName,
            probability: stage.probability,
            amount: input.amount ?? null,
            closeDate: input.closeDate.trim(),
            nextStep: input.nextStep?.trim() || null,
            description: input.description || null,
            lastModified: ctx.clock.now().toISOString()
        };
        if (existing) {
            selector.update(existing.id, values);
            return result(ctx, 'SAVED', existing.id);
        }
        return result(ctx, 'SAVED', selector.insert(ctx.user, values));
    }
};
