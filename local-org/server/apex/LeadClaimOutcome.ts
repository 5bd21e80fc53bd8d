import type { ClaimCode } from 'canal/apex/LeadClaimController';
import type { LabelCatalog, Language } from '../metadata/labels.js';

/** HTTP status of each outcome on the REST contract (docs/CLAIM-RULES.md). */
export const HTTP_STATUS: Record<ClaimCode, number> = {
    CLAIMED: 200,
    RELEASED: 200,
    CONVERTED: 200,
    UPDATED: 200,
    INVALID_ID: 400,
    INVALID_REQUEST: 400,
    INVALID_STATUS: 400,
    NOT_ELIGIBLE: 403,
    NOT_OWNER: 403,
    NOT_FOUND: 404,
    ALREADY_CLAIMED: 409,
    CLAIM_LIMIT_REACHED: 409,
    DAILY_LIMIT_REACHED: 409,
    TRY_AGAIN: 503,
    ACCOUNT_NOT_VISIBLE: 403,
    NOT_YET_OFFERED: 409,
    LEAD_CLOSED: 409,
    CUSTOMER_PROTECTED: 409
};

/** The outcome's Custom Label (Canal_Outcome_<CODE>) in the given language. */
export function outcomeMessage(labels: LabelCatalog, language: Language, code: ClaimCode): string {
    return labels[language][`Canal_Outcome_${code}`] ?? code;
}
