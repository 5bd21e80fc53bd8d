/**
 * How deal registrations read on screen, shared by the rep's list and the channel manager's page (a service
 * module, no template): the state badge, "Protected until <date>", the conflicts in words, each decision code's
 * translated result, and the figures as text.
 */
import type {
    Conflict,
    DecisionCode,
    DecisionResult,
    RegistrationFigures,
    RegistrationStatus
} from 'canal/apex/DealRegistrationController';
import { formatLabel } from 'c/labelFormat';
import protectedUntilLabel from '@salesforce/label/c.Canal_Deal_Protected_Until';
import conflictLeadLabel from '@salesforce/label/c.Canal_Deal_Conflict_LEAD';
import conflictOpportunityLabel from '@salesforce/label/c.Canal_Deal_Conflict_OPPORTUNITY';
import conflictRegistrationLabel from '@salesforce/label/c.Canal_Deal_Conflict_REGISTRATION';
import heldByLabel from '@salesforce/label/c.Canal_Deal_Conflict_Held_By';
import sinceLabel from '@salesforce/label/c.Canal_Deal_Conflict_Since';
import directLabel from '@salesforce/label/c.Canal_Deal_Conflict_Direct';
import APPROVED from '@salesforce/label/c.Canal_Deal_Result_APPROVED';
import REJECTED from '@salesforce/label/c.Canal_Deal_Result_REJECTED';
import EXTENDED from '@salesforce/label/c.Canal_Deal_Result_EXTENDED';
import ALREADY_DECIDED from '@salesforce/label/c.Canal_Deal_Result_ALREADY_DECIDED';
import ALREADY_EXTENDED from '@salesforce/label/c.Canal_Deal_Result_ALREADY_EXTENDED';
import NOT_APPROVED from '@salesforce/label/c.Canal_Deal_Result_NOT_APPROVED';
import NOT_FOUND from '@salesforce/label/c.Canal_Deal_Result_NOT_FOUND';
import CUSTOMER_PROTECTED from '@salesforce/label/c.Canal_Deal_Result_CUSTOMER_PROTECTED';
import REASON_REQUIRED from '@salesforce/label/c.Canal_Deal_Result_REASON_REQUIRED';
import TRY_AGAIN from '@salesforce/label/c.Canal_Deal_Result_TRY_AGAIN';
import hoursLabel from '@salesforce/label/c.Canal_Deal_Figures_Hours';
import noneLabel from '@salesforce/label/c.Canal_Deal_Figures_None';

/** The SLDS badge of each state: green approved, red rejected, grey expired, blue under review. */
const BADGES: Record<RegistrationStatus, string> = {
    Submitted: 'slds-badge slds-badge_lightest',
    Approved: 'slds-badge slds-theme_success',
    Rejected: 'slds-badge slds-theme_error',
    Expired: 'slds-badge'
};

const KINDS: Record<Conflict['kind'], string> = {
    LEAD: conflictLeadLabel,
    OPPORTUNITY: conflictOpportunityLabel,
    REGISTRATION: conflictRegistrationLabel
};

/** Each decision code's result; {0} is the protection date where the code has one. */
const RESULTS: Record<DecisionCode, { label: string; ok: boolean }> = {
    APPROVED: { label: APPROVED, ok: true },
    REJECTED: { label: REJECTED, ok: true },
    EXTENDED: { label: EXTENDED, ok: true },
    ALREADY_DECIDED: { label: ALREADY_DECIDED, ok: false },
    ALREADY_EXTENDED: { label: ALREADY_EXTENDED, ok: false },
    NOT_APPROVED: { label: NOT_APPROVED, ok: false },
    NOT_FOUND: { label: NOT_FOUND, ok: false },
    CUSTOMER_PROTECTED: { label: CUSTOMER_PROTECTED, ok: false },
    REASON_REQUIRED: { label: REASON_REQUIRED, ok: false },
    TRY_AGAIN: { label: TRY_AGAIN, ok: false }
};

/** The 'DIRECT' holder of a conflict: the vendor's own sales team. */
export const DIRECT_TEAM = 'DIRECT';

/** Returns the SLDS badge classes of a state; an unknown state reads as the plain badge. */
export function badgeClass(status: string): string {
    return BADGES[status as RegistrationStatus] ?? 'slds-badge';
}

/**
 * Returns a date (YYYY-MM-DD) or a date-time (ISO) as the user's locale writes a day, such as "5 mar 2027";
 * an empty string for none, the text itself when it is not a date.
 */
export function formatDay(value: string | null | undefined, locale: string): string {
    if (!value) return '';
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const time = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(time)) return value;
    try {
        return new Intl.DateTimeFormat(locale, {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            ...(dateOnly ? { timeZone: 'UTC' } : {})
        }).format(new Date(time));
    } catch {
        return value.slice(0, 10);
    }
}

/** "Protected until <date>" for a protection date; empty when there is none. */
export function protectionText(protectedUntil: string | null | undefined, locale: string): string {
    return protectedUntil ? formatLabel(protectedUntilLabel, formatDay(protectedUntil, locale)) : '';
}

/** A conflict as the channel manager reads it: "<kind>: <name>, held by <partner> (<rep>), since <date>". */
export interface ConflictLine {
    key: string;
    text: string;
}

/** Returns the conflicts in words (held by the partner and its rep, or by the direct team; since a date). */
export function conflictLines(conflicts: Conflict[] | null | undefined, locale: string): ConflictLine[] {
    return (conflicts ?? []).map((conflict, index) => {
        const holder = conflict.heldBy === DIRECT_TEAM ? directLabel : conflict.heldBy;
        const parts = [
            `${KINDS[conflict.kind] ?? conflict.kind}: ${conflict.name}`,
            formatLabel(heldByLabel, holder, conflict.ownerName ?? noneLabel)
        ];
        if (conflict.since) parts.push(formatLabel(sinceLabel, formatDay(conflict.since, locale)));
        return { key: `${conflict.recordId}-${index}`, text: parts.join(', ') };
    });
}

/** A decision's result in words, and whether it went through. */
export function decisionText(
    result: Pick<DecisionResult, 'code' | 'message' | 'protectedUntil'>,
    locale: string
): { text: string; ok: boolean } {
    const known = RESULTS[result.code];
    if (!known) return { text: result.message, ok: false };
    return { text: formatLabel(known.label, formatDay(result.protectedUntil, locale)), ok: known.ok };
}

/** The figures as text: the approval rate as a percentage, the median in hours, a dash where there is none. */
export function figuresText(
    figures: RegistrationFigures,
    locale: string
): { approvalRate: string; medianHours: string; pending: string; conflicts: string } {
    const number = (value: number, options: Intl.NumberFormatOptions) =>
        new Intl.NumberFormat(locale, options).format(value);
    return {
        approvalRate:
            figures.approvalRate === null || figures.approvalRate === undefined
                ? noneLabel
                : number(figures.approvalRate, { style: 'percent', maximumFractionDigits: 0 }),
        medianHours:
            figures.medianHoursToDecision === null || figures.medianHoursToDecision === undefined
                ? noneLabel
                : formatLabel(
                      hoursLabel,
                      number(figures.medianHoursToDecision, { maximumFractionDigits: 1 })
                  ),
        pending: number(figures.pending ?? 0, {}),
        conflicts: number(figures.conflicts ?? 0, {})
    };
}
