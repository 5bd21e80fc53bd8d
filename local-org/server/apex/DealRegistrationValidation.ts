import type { DealRegistrationInput } from 'canal/apex/DealRegistrationController';

/** The longest value of each text field, by input name (the Deal_Registration__c field lengths; Contact_Email__c is an Email field: 80). */
export const MAX_LENGTHS: Record<string, number> = {
    company: 255,
    contactName: 121,
    contactEmail: 80,
    contactPhone: 40,
    country: 80,
    taxId: 40,
    productInterest: 255,
    description: 32000
};
/** Amounts must stay below this (Currency(16,2): 14 digits before the point). */
export const MAX_AMOUNT = 1e14;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC date of an instant, YYYY-MM-DD (the org's "today"). */
export function dateOf(instant: Date): string {
    return instant.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date plus whole days. */
export function addDays(date: string, days: number): string {
    return dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** A text value trimmed, null when not a string or blank. */
export function trimmed(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    const text = value.trim();
    return text === '' ? null : text;
}

/** The fields of a new registration a valid form makes: the rep's input only (the service stamps the rest). */
export interface NewRegistrationFields {
    company: string;
    contactName: string | null;
    contactEmail: string;
    contactPhone: string | null;
    country: string | null;
    taxId: string | null;
    productInterest: string | null;
    amount: number | null;
    closeDate: string | null;
    description: string | null;
}

/**
 * The twin of DealRegistrationValidation.cls: the field checks of a registration form (issue 20, "Bad input"). Each
 * refused field gets one code of docs/DEAL-REGISTRATION.md (REQUIRED, INVALID_EMAIL, NEGATIVE_AMOUNT, CLOSE_DATE_PAST,
 * INVALID_DATE, TOO_LONG), keyed by the input's field name; nothing is created while any field is refused.
 */
export class DealRegistrationValidation {
    /** The refused fields of a form: field name to error code, empty when the form may be saved. */
    fieldErrors(input: DealRegistrationInput, today: string): Record<string, string> {
        const codes: Record<string, string> = {};
        for (const [field, max] of Object.entries(MAX_LENGTHS)) {
            const value = (input as unknown as Record<string, unknown>)[field];
            if (typeof value === 'string' && value.trim().length > max) codes[field] = 'TOO_LONG';
        }
        if (!trimmed(input.company)) codes.company = 'REQUIRED';
        const email = trimmed(input.contactEmail);
        if (!email) codes.contactEmail = 'REQUIRED';
        else if (!codes.contactEmail && !EMAIL.test(email)) codes.contactEmail = 'INVALID_EMAIL';
        if (input.amount !== null && input.amount !== undefined) {
            if (input.amount < 0) codes.amount = 'NEGATIVE_AMOUNT';
            else if (input.amount >= MAX_AMOUNT) codes.amount = 'TOO_LONG';
        }
        const closeDate = trimmed(input.closeDate);
        if (closeDate) {
            const date = this.parseDate(closeDate);
            if (!date) codes.closeDate = 'INVALID_DATE';
            else if (date < today) codes.closeDate = 'CLOSE_DATE_PAST';
        }
        return codes;
    }

    /** The fields a form fieldErrors accepted makes, trimmed (blank ones null). */
    newRecord(input: DealRegistrationInput): NewRegistrationFields {
        return {
            company: trimmed(input.company)!,
            contactName: trimmed(input.contactName),
            contactEmail: trimmed(input.contactEmail)!,
            contactPhone: trimmed(input.contactPhone),
            country: trimmed(input.country),
            taxId: trimmed(input.taxId),
            productInterest: trimmed(input.productInterest),
            amount: input.amount ?? null,
            closeDate: trimmed(input.closeDate),
            description: trimmed(input.description)
        };
    }

    /** A YYYY-MM-DD date, or null when the text is not a real date. */
    parseDate(text: string | null): string | null {
        const value = trimmed(text);
        if (!value || !ISO_DATE.test(value)) return null;
        const d = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
    }
}
