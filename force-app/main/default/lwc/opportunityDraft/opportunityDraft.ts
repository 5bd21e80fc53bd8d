/**
 * The opportunity form's draft, as plain functions (a service module, no template): the empty and loaded drafts,
 * the checks OpportunityService makes, run in the browser first, and what saveOpportunity receives.
 */
import type {
    OpportunityDetail,
    OpportunityField,
    OpportunityInput,
    StageOption
} from 'canal/apex/OpportunityController';
import nameRequiredLabel from '@salesforce/label/c.Canal_Opp_Error_Name_Required';
import nameTooLongLabel from '@salesforce/label/c.Canal_Opp_Error_Name_Too_Long';
import accountRequiredLabel from '@salesforce/label/c.Canal_Opp_Error_Account_Required';
import stageInvalidLabel from '@salesforce/label/c.Canal_Opp_Error_Stage_Invalid';
import closeDateRequiredLabel from '@salesforce/label/c.Canal_Opp_Error_Close_Date_Required';
import closeDateInvalidLabel from '@salesforce/label/c.Canal_Opp_Error_Close_Date_Invalid';
import amountRangeLabel from '@salesforce/label/c.Canal_Opp_Error_Amount_Range';
import nextStepTooLongLabel from '@salesforce/label/c.Canal_Opp_Error_Next_Step_Too_Long';
import descriptionTooLongLabel from '@salesforce/label/c.Canal_Opp_Error_Description_Too_Long';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the form edits: every value as the inputs hold it (text). */
export interface Draft {
    name: string;
    accountId: string;
    stageName: string;
    amount: string;
    closeDate: string;
    nextStep: string;
    description: string;
}

export type FieldErrors = Partial<Record<OpportunityField, string>>;

/** The limits OpportunityService enforces; the form checks them first so most mistakes never reach the server. */
export const LIMITS = { name: 120, nextStep: 255, description: 32000, amount: 1e12 } as const;

/** A new opportunity's draft: every field empty. */
export function emptyDraft(): Draft {
    return {
        name: '',
        accountId: '',
        stageName: '',
        amount: '',
        closeDate: '',
        nextStep: '',
        description: ''
    };
}

/** The draft of a loaded opportunity: every value as text, blanks for nulls. */
export function draftOf(opportunity: OpportunityDetail): Draft {
    return {
        name: opportunity.name ?? '',
        accountId: opportunity.accountId ?? '',
        stageName: opportunity.stageName ?? '',
        amount:
            opportunity.amount === null || opportunity.amount === undefined ? '' : String(opportunity.amount),
        closeDate: opportunity.closeDate ?? '',
        nextStep: opportunity.nextStep ?? '',
        description: opportunity.description ?? ''
    };
}

function isRealDate(text: string): boolean {
    if (!ISO_DATE.test(text)) return false;
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Returns the field errors the server would give for a draft, checked in the browser (stages: the active ones). */
export function validateDraft(draft: Draft, stages: StageOption[]): FieldErrors {
    const errors: FieldErrors = {};
    const name = draft.name.trim();
    if (!name) errors.name = nameRequiredLabel;
    else if (name.length > LIMITS.name) errors.name = nameTooLongLabel;
    if (!draft.accountId) errors.accountId = accountRequiredLabel;
    if (!stages.some((stage) => stage.value === draft.stageName)) errors.stageName = stageInvalidLabel;
    if (!draft.closeDate) errors.closeDate = closeDateRequiredLabel;
    else if (!isRealDate(draft.closeDate)) errors.closeDate = closeDateInvalidLabel;
    if (draft.amount.trim() !== '') {
        const amount = Number(draft.amount);
        if (!Number.isFinite(amount) || amount < 0 || amount >= LIMITS.amount)
            errors.amount = amountRangeLabel;
    }
    if (draft.nextStep.trim().length > LIMITS.nextStep) errors.nextStep = nextStepTooLongLabel;
    if (draft.description.length > LIMITS.description) errors.description = descriptionTooLongLabel;
    return errors;
}

/** Returns what saveOpportunity receives for a draft: trimmed text, blanks as null, the amount as a number. */
export function toInput(draft: Draft, recordId: string | undefined): OpportunityInput {
    return {
        id: recordId ?? null,
        name: draft.name.trim(),
        accountId: draft.accountId,
        stageName: draft.stageName,
        amount: draft.amount.trim() === '' ? null : Number(draft.amount),
        closeDate: draft.closeDate,
        nextStep: draft.nextStep.trim() || null,
        description: draft.description.trim() ? draft.description : null
    };
}
