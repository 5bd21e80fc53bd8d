/**
 * The lead edit form's field checks as a service module (no template): the checks LeadEditService makes, with the
 * same labels and limits, so the rep reads the message on the field before any round trip.
 */
import type { LeadFieldDescription } from 'canal/apex/LeadEditController';
import { formatLabel } from 'c/labelFormat';
import requiredLabel from '@salesforce/label/c.Canal_Edit_Error_Required';
import emailLabel from '@salesforce/label/c.Canal_Edit_Error_Email';
import phoneLabel from '@salesforce/label/c.Canal_Edit_Error_Phone';
import tooLongLabel from '@salesforce/label/c.Canal_Edit_Error_Too_Long';
import numberLabel from '@salesforce/label/c.Canal_Edit_Error_Number';
import integerLabel from '@salesforce/label/c.Canal_Edit_Error_Integer';
import rangeLabel from '@salesforce/label/c.Canal_Edit_Error_Range';
import picklistLabel from '@salesforce/label/c.Canal_Edit_Error_Picklist';
import urlLabel from '@salesforce/label/c.Canal_Edit_Error_Url';
import dateLabel from '@salesforce/label/c.Canal_Edit_Error_Date';

/** A field's value as the form holds it: text, or a checkbox's state. */
export type Draft = string | boolean;

/** The same limits as LeadEditService (Apex) and its local counterpart. */
export const MIN_PHONE_DIGITS = 6;
export const MAX_PHONE_DIGITS = 15;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^[0-9+()./ xX-]+$/;
const URL_PATTERN = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/;
const NUMBER_PATTERN = /^[-+]?\d*\.?\d+$/;

/**
 * Why a value may not be saved, or '' when it may: the checks LeadEditService makes, with the same labels, so the
 * rep reads the message on the field before any round trip.
 */
export function validateValue(field: LeadFieldDescription, value: Draft): string {
    if (field.type === 'boolean') return '';
    const text = String(value).trim();
    if (!text) return field.required ? requiredLabel : '';
    if (field.type === 'integer' || field.type === 'number') {
        const n = Number(text);
        if (!NUMBER_PATTERN.test(text) || !Number.isFinite(n)) return numberLabel;
        if (field.type === 'integer' && !Number.isInteger(n)) return integerLabel;
        if ((field.min !== null && n < field.min) || (field.max !== null && n > field.max)) {
            return formatLabel(rangeLabel, String(field.min ?? ''), String(field.max ?? ''));
        }
        return '';
    }
    if (field.type === 'picklist') {
        return field.options.some((o) => o.value === text) ? '' : picklistLabel;
    }
    if (field.type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? '' : dateLabel;
    if (field.length > 0 && text.length > field.length) return formatLabel(tooLongLabel, field.length);
    if (field.type === 'email' && !EMAIL_PATTERN.test(text)) return emailLabel;
    if (field.type === 'phone') {
        const digits = text.replace(/[^0-9]/g, '').length;
        if (!PHONE_PATTERN.test(text) || digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) {
            return formatLabel(phoneLabel, MIN_PHONE_DIGITS, MAX_PHONE_DIGITS);
        }
    }
    if (field.type === 'url' && !URL_PATTERN.test(text)) return urlLabel;
    return '';
}
