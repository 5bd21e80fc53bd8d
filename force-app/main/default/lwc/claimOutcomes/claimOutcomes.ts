/**
 * The one place that turns a claim outcome code into what the rep sees: its translated Custom Label and the
 * toast variant, shown with the platform's lightning/toast (LWR sites and Lightning Experience alike); plus the
 * page-wide events that tell the partner components a lead changed hands.
 */
import Toast from 'lightning/toast';
import type { ClaimCode, ClaimResult } from 'canal/apex/LeadClaimController';
import type { ConvertResult } from 'canal/apex/LeadConvertController';
import CLAIMED from '@salesforce/label/c.Canal_Outcome_CLAIMED';
import RELEASED from '@salesforce/label/c.Canal_Outcome_RELEASED';
import CONVERTED from '@salesforce/label/c.Canal_Outcome_CONVERTED';
import UPDATED from '@salesforce/label/c.Canal_Outcome_UPDATED';
import ALREADY_CLAIMED from '@salesforce/label/c.Canal_Outcome_ALREADY_CLAIMED';
import CLAIM_LIMIT_REACHED from '@salesforce/label/c.Canal_Outcome_CLAIM_LIMIT_REACHED';
import DAILY_LIMIT_REACHED from '@salesforce/label/c.Canal_Outcome_DAILY_LIMIT_REACHED';
import NOT_ELIGIBLE from '@salesforce/label/c.Canal_Outcome_NOT_ELIGIBLE';
import NOT_OWNER from '@salesforce/label/c.Canal_Outcome_NOT_OWNER';
import NOT_FOUND from '@salesforce/label/c.Canal_Outcome_NOT_FOUND';
import INVALID_ID from '@salesforce/label/c.Canal_Outcome_INVALID_ID';
import INVALID_REQUEST from '@salesforce/label/c.Canal_Outcome_INVALID_REQUEST';
import INVALID_STATUS from '@salesforce/label/c.Canal_Outcome_INVALID_STATUS';
import TRY_AGAIN from '@salesforce/label/c.Canal_Outcome_TRY_AGAIN';
import ACCOUNT_NOT_VISIBLE from '@salesforce/label/c.Canal_Outcome_ACCOUNT_NOT_VISIBLE';
import NOT_YET_OFFERED from '@salesforce/label/c.Canal_Outcome_NOT_YET_OFFERED';
import LEAD_CLOSED from '@salesforce/label/c.Canal_Outcome_LEAD_CLOSED';
import CUSTOMER_PROTECTED from '@salesforce/label/c.Canal_Outcome_CUSTOMER_PROTECTED';
import successTitle from '@salesforce/label/c.Canal_Toast_Success';
import warningTitle from '@salesforce/label/c.Canal_Toast_Warning';
import errorTitle from '@salesforce/label/c.Canal_Toast_Error';
import infoTitle from '@salesforce/label/c.Canal_Toast_Info';

export type ToastVariant = 'success' | 'warning' | 'error' | 'info';

/** What lightning/toast's Toast.show takes: a title (label), the message, the variant and the mode. */
export type ToastConfig = {
    label: string;
    message: string;
    variant: ToastVariant;
    mode: 'dismissible' | 'sticky';
};

export interface Outcome {
    label: string;
    variant: ToastVariant;
}

const OUTCOMES: Record<ClaimCode, Outcome> = {
    CLAIMED: { label: CLAIMED, variant: 'success' },
    RELEASED: { label: RELEASED, variant: 'success' },
    CONVERTED: { label: CONVERTED, variant: 'success' },
    UPDATED: { label: UPDATED, variant: 'success' },
    ALREADY_CLAIMED: { label: ALREADY_CLAIMED, variant: 'warning' },
    CLAIM_LIMIT_REACHED: { label: CLAIM_LIMIT_REACHED, variant: 'warning' },
    DAILY_LIMIT_REACHED: { label: DAILY_LIMIT_REACHED, variant: 'warning' },
    TRY_AGAIN: { label: TRY_AGAIN, variant: 'warning' },
    NOT_YET_OFFERED: { label: NOT_YET_OFFERED, variant: 'warning' },
    CUSTOMER_PROTECTED: { label: CUSTOMER_PROTECTED, variant: 'warning' },
    NOT_ELIGIBLE: { label: NOT_ELIGIBLE, variant: 'error' },
    NOT_OWNER: { label: NOT_OWNER, variant: 'error' },
    NOT_FOUND: { label: NOT_FOUND, variant: 'error' },
    INVALID_ID: { label: INVALID_ID, variant: 'error' },
    INVALID_REQUEST: { label: INVALID_REQUEST, variant: 'error' },
    INVALID_STATUS: { label: INVALID_STATUS, variant: 'error' },
    ACCOUNT_NOT_VISIBLE: { label: ACCOUNT_NOT_VISIBLE, variant: 'error' },
    LEAD_CLOSED: { label: LEAD_CLOSED, variant: 'error' }
};

const TITLES: Record<ToastVariant, string> = {
    success: successTitle,
    warning: warningTitle,
    error: errorTitle,
    info: infoTitle
};

/** Returns the label and toast variant of a code; an unknown code (a newer server) reads as an error. */
export function outcomeOf(code: ClaimCode): Outcome {
    return OUTCOMES[code] ?? { label: errorTitle, variant: 'error' };
}

/** Returns the translated title of a toast variant. */
export function toastTitle(variant: ToastVariant): string {
    return TITLES[variant];
}

/**
 * Returns the toast of a message: titled by its variant unless a title is given. Errors stay until the user closes
 * them; the rest close by themselves (the platform pauses the timer while the toast has focus).
 */
export function toastOf(
    variant: ToastVariant,
    message: string,
    title: string = toastTitle(variant)
): ToastConfig {
    return { label: title, message, variant, mode: variant === 'error' ? 'sticky' : 'dismissible' };
}

/** Returns the toast for a result: its code's label, with optional detail after it (e.g. allowance numbers). */
export function outcomeToast(result: Pick<ClaimResult, 'code'>, detail?: string): ToastConfig {
    const { label, variant } = outcomeOf(result.code);
    return toastOf(variant, detail ? `${label} ${detail}` : label);
}

/** Shows a toast from the component (`this`) with lightning/toast, which finds or creates the page's container. */
export function showToast(source: EventTarget, toast: ToastConfig): void {
    Toast.show(toast, source as HTMLElement);
}

/** Shows the toast of a result from the component. */
export function showOutcome(source: EventTarget, result: Pick<ClaimResult, 'code'>, detail?: string): void {
    showToast(source, outcomeToast(result, detail));
}

/** A conversion's result as the page-wide lead events carry results (leadEvent). */
export function toClaimResult(result: ConvertResult, ownerId: string | null = null): ClaimResult {
    return {
        code: result.code,
        message: result.message,
        leadId: result.leadId,
        ownerId,
        claimedAt: null,
        opportunityId: result.opportunityId
    };
}

/** Dispatched by c-lead-queue after every claim, with the ClaimResult in detail. */
export const LEAD_CLAIMED_EVENT = 'leadclaimed';
/** Dispatched by c-my-leads and c-lead-detail after a status change, release or conversion succeeds. */
export const LEAD_CHANGED_EVENT = 'leadchanged';

export type LeadEventName = typeof LEAD_CLAIMED_EVENT | typeof LEAD_CHANGED_EVENT;

/** Returns a bubbling, composed lead event carrying the result; its sender keeps it to skip its own echo. */
export function leadEvent(name: LeadEventName, result: ClaimResult): CustomEvent<ClaimResult> {
    return new CustomEvent<ClaimResult>(name, { detail: result, bubbles: true, composed: true });
}

/** Calls the listener for every lead event that reaches window; returns the function that stops listening. */
export function onLeadEvents(listener: (event: Event) => void): () => void {
    window.addEventListener(LEAD_CLAIMED_EVENT, listener);
    window.addEventListener(LEAD_CHANGED_EVENT, listener);
    return () => {
        window.removeEventListener(LEAD_CLAIMED_EVENT, listener);
        window.removeEventListener(LEAD_CHANGED_EVENT, listener);
    };
}
