import { isVendorStaff, type UserRecord } from './LeadClaimSelector.js';
import { ApexError } from './shared/AuraErrors.js';
import { RecordIds } from './shared/RecordIds.js';

/**
 * The partner accounts a read may cover, as user mode would give them: null = every partner (vendor staff, no
 * filter); a list = only those (possibly none). A partner rep sees its own partner only: asking for another
 * returns nothing, as a user-mode query of records it cannot see would. A malformed id is INVALID_REQUEST.
 */
export function partnerScope(user: UserRecord, requested: string | null | undefined): string[] | null {
    let partnerId: string | null = null;
    if (requested !== null && requested !== undefined) {
        partnerId = RecordIds.of(requested, 'Account');
        if (!partnerId) throw new ApexError('INVALID_REQUEST', 400);
    }
    if (isVendorStaff(user)) return partnerId ? [partnerId] : null;
    if (user.persona !== 'partner_rep' || !user.account_id) return [];
    return partnerId && partnerId !== user.account_id ? [] : [user.account_id];
}
