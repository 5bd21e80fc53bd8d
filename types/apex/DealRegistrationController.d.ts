// The contract of DealRegistrationController (Apex) and of its local-org counterpart
// (local-org/server/apex/DealRegistrationController.ts). Parameter names are the @AuraEnabled parameter names;
// field names match the @AuraEnabled fields of DealRegistrationDtos' classes. Rules: docs/DEAL-REGISTRATION.md.

declare module 'canal/apex/DealRegistrationController' {
    /** Deal_Registration__c.Status__c API values. */
    export type RegistrationStatus = 'Submitted' | 'Approved' | 'Rejected' | 'Expired';

    /** What the registration form sends. Dates are YYYY-MM-DD. */
    export interface DealRegistrationInput {
        company: string | null;
        contactName: string | null;
        contactEmail: string | null;
        contactPhone: string | null;
        country: string | null;
        taxId: string | null;
        productInterest: string | null;
        amount: number | null;
        /** YYYY-MM-DD. */
        closeDate: string | null;
        description: string | null;
    }

    /** The fields of DealRegistrationInput that can carry a field error. */
    export type RegistrationField = keyof DealRegistrationInput;

    /** Why a field was refused (each with the label Canal_Deal_Error_<CODE>). */
    export type FieldErrorCode =
        'REQUIRED' | 'INVALID_EMAIL' | 'NEGATIVE_AMOUNT' | 'CLOSE_DATE_PAST' | 'INVALID_DATE' | 'TOO_LONG';

    /**
     * Stable outcome codes of submitRegistration (label Canal_Deal_Outcome_<CODE>). SUBMITTED also when a possible
     * conflict was found: the rep only learns that the registration is under review.
     */
    export type SubmitCode = 'SUBMITTED' | 'INVALID' | 'CUSTOMER_PROTECTED' | 'NOT_ELIGIBLE' | 'TRY_AGAIN';

    export interface SubmitResult {
        code: SubmitCode;
        /** The code's Custom Label in the user's language; names no other partner. */
        message: string;
        /** The registration created (or, for a repeated submitKey, the one created the first time); else null. */
        recordId: string | null;
        /** The registration's status on SUBMITTED, else null. */
        status: RegistrationStatus | null;
        /** On INVALID: the field (a RegistrationField) to its translated message; empty otherwise. */
        fieldErrors: Record<string, string>;
    }

    /** A registration as the rep's list shows it. Never carries conflict fields. Date-times are ISO 8601. */
    export interface RegistrationRow {
        id: string;
        /** The auto number, DR-00001. */
        name: string;
        company: string;
        contactName: string | null;
        amount: number | null;
        /** YYYY-MM-DD. */
        closeDate: string | null;
        status: RegistrationStatus;
        /** The status label in the user's language. */
        statusLabel: string;
        submittedAt: string | null;
        decidedAt: string | null;
        rejectionReason: string | null;
        /** YYYY-MM-DD, set on approval (and extension). */
        protectedUntil: string | null;
        /** The opportunity created on approval. */
        opportunityId: string | null;
        /** Approved and within the tier's expiry notice days of protectedUntil. */
        expiresSoon: boolean;
        /** The registering rep. */
        ownerName: string;
    }

    /** One keyset page of the rep's partner's registrations, newest first; nextCursor null on the last page. */
    export interface RegistrationPage {
        rows: RegistrationRow[];
        /** Opaque, bound to the partner: another partner's cursor is refused with INVALID_CURSOR. */
        nextCursor: string | null;
    }

    /** What a registration collides with (channel managers only). */
    export type ConflictKind = 'LEAD' | 'OPPORTUNITY' | 'REGISTRATION';

    export interface Conflict {
        kind: ConflictKind;
        recordId: string;
        name: string;
        /** The holding partner's name, or 'DIRECT' for the vendor's own team. */
        heldBy: string;
        ownerName: string | null;
        /** ISO 8601: since when the other record holds the customer. */
        since: string | null;
    }

    /** One registration with everything the form sent; `conflicts` only for channel managers (null for reps). */
    export interface RegistrationDetail extends RegistrationRow {
        contactEmail: string | null;
        contactPhone: string | null;
        country: string | null;
        taxId: string | null;
        productInterest: string | null;
        description: string | null;
        partnerName: string | null;
        extended: boolean;
        conflicts: Conflict[] | null;
    }

    /** A submitted registration on the channel manager's page, oldest first. */
    export interface ReviewRow extends RegistrationRow {
        partnerName: string;
        /** Gold / Silver / Bronze, or null for the default rule. */
        tier: string | null;
        conflict: boolean;
        conflicts: Conflict[];
    }

    /** Stable outcome codes of approve, reject and extend (label Canal_Deal_Outcome_<CODE>). */
    export type DecisionCode =
        | 'APPROVED'
        | 'REJECTED'
        | 'EXTENDED'
        | 'NOT_FOUND'
        | 'ALREADY_DECIDED'
        | 'ALREADY_EXTENDED'
        | 'NOT_APPROVED'
        | 'REASON_REQUIRED'
        | 'CUSTOMER_PROTECTED'
        | 'TRY_AGAIN';

    /** The outcome for one registration; one bad id never blocks the others. */
    export interface DecisionResult {
        id: string;
        code: DecisionCode;
        message: string;
        /** YYYY-MM-DD on APPROVED / EXTENDED. */
        protectedUntil: string | null;
        opportunityId: string | null;
    }

    export interface PartnerFigures {
        partnerName: string;
        tier: string | null;
        submitted: number;
        approved: number;
        rejected: number;
        expired: number;
        conflicts: number;
    }

    export interface RegistrationFigures {
        byPartner: PartnerFigures[];
        /** approved / decided (approved, rejected, expired count as decided), 0..1; null when nothing was decided. */
        approvalRate: number | null;
        /** Median hours from submit to decision; null when nothing was decided. */
        medianHoursToDecision: number | null;
        /** Registrations flagged as a possible conflict. */
        conflicts: number;
        /** Registrations waiting for a decision (Submitted). */
        pending: number;
    }
}

declare module '@salesforce/apex/DealRegistrationController.submitRegistration' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { DealRegistrationInput, SubmitResult } from 'canal/apex/DealRegistrationController';
    /** `submitKey`: one per form opening; the same key by the same user answers the first result again. */
    const submitRegistration: ApexMethod<
        { input: DealRegistrationInput; submitKey: string | null },
        SubmitResult
    >;
    export default submitRegistration;
}

declare module '@salesforce/apex/DealRegistrationController.getMyRegistrations' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { RegistrationPage } from 'canal/apex/DealRegistrationController';
    /** Rejects with INVALID_CURSOR for a cursor of another partner or a forged one. */
    const getMyRegistrations: ApexMethod<{ cursor: string | null }, RegistrationPage>;
    export default getMyRegistrations;
}

declare module '@salesforce/apex/DealRegistrationController.getRegistration' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { RegistrationDetail } from 'canal/apex/DealRegistrationController';
    /** Rejects with the NOT_FOUND label when the user cannot see the registration. */
    const getRegistration: ApexMethod<{ recordId: string }, RegistrationDetail>;
    export default getRegistration;
}

declare module '@salesforce/apex/DealRegistrationController.getSubmittedRegistrations' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ReviewRow } from 'canal/apex/DealRegistrationController';
    /** Channel managers and admins only (INSUFFICIENT_ACCESS otherwise). */
    const getSubmittedRegistrations: ApexMethod<Record<string, never>, ReviewRow[]>;
    export default getSubmittedRegistrations;
}

declare module '@salesforce/apex/DealRegistrationController.approveRegistrations' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { DecisionResult } from 'canal/apex/DealRegistrationController';
    /** One result per id, in order; 1 to 25 ids (else INVALID_REQUEST: an org transaction's DML budget). */
    const approveRegistrations: ApexMethod<{ ids: string[] }, DecisionResult[]>;
    export default approveRegistrations;
}

declare module '@salesforce/apex/DealRegistrationController.rejectRegistrations' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { DecisionResult } from 'canal/apex/DealRegistrationController';
    /**
     * One result per id, in order (1 to 25 ids, else INVALID_REQUEST); a blank reason (or one over 1,000
     * characters) gives REASON_REQUIRED for every id and changes nothing.
     */
    const rejectRegistrations: ApexMethod<{ ids: string[]; reason: string | null }, DecisionResult[]>;
    export default rejectRegistrations;
}

declare module '@salesforce/apex/DealRegistrationController.extendProtection' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { DecisionResult } from 'canal/apex/DealRegistrationController';
    const extendProtection: ApexMethod<{ recordId: string }, DecisionResult>;
    export default extendProtection;
}

declare module '@salesforce/apex/DealRegistrationController.getRegistrationFigures' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { RegistrationFigures } from 'canal/apex/DealRegistrationController';
    const getRegistrationFigures: ApexMethod<Record<string, never>, RegistrationFigures>;
    export default getRegistrationFigures;
}
