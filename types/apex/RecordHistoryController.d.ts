// The contract of RecordHistoryController (Apex): who changed a lead or a deal, and when.

declare module 'canal/apex/RecordHistoryController' {
    /** FIELD: LeadHistory / OpportunityFieldHistory; CLAIM_AUDIT: a Lead_Claim__c row (leads only). */
    export type HistoryKind = 'FIELD' | 'CLAIM_AUDIT';

    /** One change, newest first. */
    export interface HistoryEntry {
        id: string;
        /** ISO 8601 date-time. */
        occurredAt: string;
        /** The field API name (Status, Owner, StageName, Amount, CloseDate, NextStep, created) or the claim action. */
        field: string;
        /** The field label in the user's language, or the claim action's label. */
        fieldLabel: string;
        /** Display values: user and queue names for Owner; the reason of a release or recall in newValue. */
        oldValue: string | null;
        newValue: string | null;
        userName: string | null;
        kind: HistoryKind;
    }
}

declare module '@salesforce/apex/RecordHistoryController.getHistory' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { HistoryEntry } from 'canal/apex/RecordHistoryController';
    /** Not cacheable. A Lead or Opportunity id the user can see; else INVALID_ID / NOT_FOUND. */
    const getHistory: ApexMethod<{ recordId: string }, HistoryEntry[]>;
    export default getHistory;
}
