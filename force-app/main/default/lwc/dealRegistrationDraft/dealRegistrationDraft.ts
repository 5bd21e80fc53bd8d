/**
 * The deal registration form's draft, as plain functions (a service module, no template): the empty draft, the
 * checks DealRegistrationService makes, run in the browser first, what submitRegistration receives, and the one
 * submit key of an opened form (the server answers a repeated key with the first result and creates nothing).
 */
import type { DealRegistrationInput, RegistrationField } from 'canal/apex/DealRegistrationController';
import companyRequiredLabel from '@salesforce/label/c.Canal_Deal_Form_Company_Required';
import emailRequiredLabel from '@salesforce/label/c.Canal_Deal_Form_Email_Required';
import emailInvalidLabel from '@salesforce/label/c.Canal_Deal_Form_Email_Invalid';
import amountNegativeLabel from '@salesforce/label/c.Canal_Deal_Form_Amount_Negative';
import closeDatePastLabel from '@salesforce/label/c.Canal_Deal_Form_Close_Date_Past';
import closeDateInvalidLabel from '@salesforce/label/c.Canal_Deal_Form_Close_Date_Invalid';
import tooLongLabel from '@salesforce/label/c.Canal_Deal_Form_Too_Long';

/** What the form edits: every value as the inputs hold it (text). */
export type Draft = Record<RegistrationField, string>;

export type FieldErrors = Partial<Record<RegistrationField, string>>;

/** The fields in the form's order (the first invalid one takes the focus). */
export const FIELDS: readonly RegistrationField[] = [
    'company',
    'contactName',
    'contactEmail',
    'contactPhone',
    'country',
    'taxId',
    'productInterest',
    'amount',
    'closeDate',
    'description'
];

/** The field lengths of Deal_Registration__c; the form checks them first so most mistakes never reach the server. */
export const LIMITS = {
    company: 255,
    contactName: 121,
    contactEmail: 80,
    contactPhone: 40,
    country: 80,
    taxId: 40,
    productInterest: 255,
    description: 32000
} as const;

/** Amounts must stay below this: a Currency(16,2) holds 14 digits before the point. */
export const AMOUNT_LIMIT = 1e14;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new registration's draft: every field empty. */
export function emptyDraft(): Draft {
    return Object.fromEntries(FIELDS.map((field) => [field, ''])) as Draft;
}

/** Returns whether the key is a field of the registration input. */
export function isField(value: string | undefined): value is RegistrationField {
    return typeof value === 'string' && (FIELDS as readonly string[]).includes(value);
}

/** Today in the browser's calendar, YYYY-MM-DD (the close date may be today, never before). */
export function todayIso(now: Date = new Date()): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isRealDate(text: string): boolean {
    if (!ISO_DATE.test(text)) return false;
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Returns the field errors the server would give for a draft: company and e-mail required, a valid e-mail, an
 * amount of 0 or more, a close date that is a date and not before today, no text longer than its field.
 */
export function validateDraft(draft: Draft, today: string = todayIso()): FieldErrors {
    const errors: FieldErrors = {};
    for (const [field, limit] of Object.entries(LIMITS) as Array<[keyof typeof LIMITS, number]>) {
        if (draft[field].trim().length > limit) errors[field] = tooLongLabel;
    }
    if (!draft.company.trim()) errors.company = companyRequiredLabel;
    const email = draft.contactEmail.trim();
    if (!email) errors.contactEmail = emailRequiredLabel;
    else if (!errors.contactEmail && !EMAIL.test(email)) errors.contactEmail = emailInvalidLabel;
    if (draft.amount.trim() !== '') {
        const amount = Number(draft.amount);
        if (!Number.isFinite(amount) || amount >= AMOUNT_LIMIT) errors.amount = tooLongLabel;
        else if (amount < 0) errors.amount = amountNegativeLabel;
    }
    if (draft.closeDate) {
        if (!isRealDate(draft.closeDate)) errors.closeDate = closeDateInvalidLabel;
        else if (draft.closeDate < today) errors.closeDate = closeDatePastLabel;
    }
    return errors;
}

/** Returns what submitRegistration receives for a draft: trimmed text, blanks as null, the amount as a number. */
export function toInput(draft: Draft): DealRegistrationInput {
    const text = (field: RegistrationField) => draft[field].trim() || null;
    return {
        company: draft.company.trim(),
        contactName: text('contactName'),
        contactEmail: draft.contactEmail.trim(),
        contactPhone: text('contactPhone'),
        country: text('country'),
        taxId: text('taxId'),
        productInterest: text('productInterest'),
        amount: draft.amount.trim() === '' ? null : Number(draft.amount),
        closeDate: draft.closeDate || null,
        description: draft.description.trim() ? draft.description : null
    };
}

/**
 * A fresh submit key: one per opened form, sent with every submit of that form, so that a double click or a retry
 * after a lost answer is answered with the first registration instead of a second one.
 */
export function newSubmitKey(random: () => number = Math.random): string {
    const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
    if (typeof cryptoApi?.randomUUID === 'function') return cryptoApi.randomUUID();
    const part = () =>
        Math.floor(random() * 0x100000000)
            .toString(16)
            .padStart(8, '0');
    return `${Date.now().toString(16)}-${part()}-${part()}-${part()}`;
}
