/**
 * Salesforce-shaped record ids: a 3-character key prefix, 12 base-62 characters, and the 3-character
 * case-safe suffix, so that ids look, sort and validate as they do in an org.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export const KEY_PREFIX = {
    Account: '001',
    Contact: '003',
    User: '005',
    Opportunity: '006',
    Group: '00G',
    Lead: '00Q',
    Organization: '00D',
    LeadClaim: 'a01',
    LeadPublication: 'a02',
    DealRegistration: 'a03'
} as const;

export type SObjectName = keyof typeof KEY_PREFIX;

/** The 3-character suffix that makes a 15-character id case-insensitively unique. */
export function caseSafeSuffix(id15: string): string {
    let suffix = '';
    for (let block = 0; block < 3; block++) {
        let flags = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charAt(block * 5 + i);
            if (c >= 'A' && c <= 'Z') flags |= 1 << i;
        }
        suffix += SUFFIX_CHARS.charAt(flags);
    }
    return suffix;
}

/** Builds the 18-character id of the n-th record of a type (n ≥ 1); ids grow with n, like an org's. */
export function makeId(type: SObjectName, n: number): string {
    let body = '';
    let rest = n;
    for (let i = 0; i < 12; i++) {
        body = BASE62.charAt(rest % 62) + body;
        rest = Math.floor(rest / 62);
    }
    const id15 = KEY_PREFIX[type] + body;
    return id15 + caseSafeSuffix(id15);
}

/** Returns the 18-character form of a well-formed 15- or 18-character id, or null when it is not one. */
export function normalizeId(value: unknown): string | null {
    if (typeof value !== 'string' || !/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value)) return null;
    const id15 = value.slice(0, 15);
    const full = id15 + caseSafeSuffix(id15);
    if (value.length === 18 && value.slice(15).toUpperCase() !== full.slice(15)) return null;
    return full;
}

/** True when the value is a well-formed id of the given type. */
export function isIdOf(value: unknown, type: SObjectName): value is string {
    const id = normalizeId(value);
    return id !== null && id.startsWith(KEY_PREFIX[type]);
}
