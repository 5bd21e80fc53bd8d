// The contract of PartnerActivityController (Apex): the activity feed of every partner, or of one.

declare module 'canal/apex/PartnerActivityController' {
    /** Claim audit actions (Lead_Claim__c), partner deal changes (OpportunityFieldHistory), publications. */
    export type ActivityKind =
        | 'CLAIMED'
        | 'RELEASED'
        | 'RECALLED'
        | 'CONVERTED'
        | 'DEAL_CREATED'
        | 'STAGE_CHANGED'
        | 'AMOUNT_CHANGED'
        | 'CLOSE_DATE_CHANGED'
        | 'PUBLISHED';

    /** One thing a partner did (or had done to its claim), newest first in a page. */
    export interface ActivityItem {
        /** The Lead_Claim__c or history row id: unique across kinds. */
        id: string;
        kind: ActivityKind;
        /** ISO 8601 date-time. */
        occurredAt: string;
        partnerAccountId: string | null;
        partnerName: string | null;
        userId: string | null;
        userName: string | null;
        /** The lead, opportunity or publication (Lead_Publication__c) the item is about. */
        recordId: string;
        recordName: string | null;
        /** Deal changes: the value before and after (API values; dates YYYY-MM-DD, amounts as numbers in text). */
        oldValue: string | null;
        newValue: string | null;
        /** Releases and recalls: the reason given. */
        reason: string | null;
        /** Publications: how many leads, to which queue, from which event or campaign (null when not given). */
        leadCount?: number | null;
        queueName?: string | null;
        source?: string | null;
    }

    /** One keyset page: pass `nextCursor` back for the following page; null on the last one. */
    export interface ActivityPage {
        items: ActivityItem[];
        nextCursor: string | null;
    }
}

declare module '@salesforce/apex/PartnerActivityController.getActivity' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ActivityPage } from 'canal/apex/PartnerActivityController';
    /** Not cacheable: the feed changes with every event. pageSize 1..100, else INVALID_REQUEST. */
    const getActivity: ApexMethod<
        { partnerAccountId: string | null; cursor: string | null; pageSize: number },
        ActivityPage
    >;
    export default getActivity;
}
